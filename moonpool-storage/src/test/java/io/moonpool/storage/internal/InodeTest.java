package io.moonpool.storage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.storage.StorageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A file's pages: sparse, shared after a crash until changed, and the same contents as a flat array. */
class InodeTest {

    private static final long GIB = 1L << 30;

    /** A crash outcome fixed in advance: 0 all unforced writes lost, 1 all kept. */
    private static RandomGenerator outcome(int which) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("only nextInt(bound) is expected");
            }

            @Override
            public int nextInt(int bound) {
                return which;
            }
        };
    }

    private static byte at(Inode inode, long pos) {
        byte[] one = new byte[1];
        assertEquals(1, inode.read(pos, one, 0, 1), "nothing to read at " + pos);
        return one[0];
    }

    @Test
    void aSparseFileCostsThePagesWrittenNotItsSize() throws IOException {
        Inode inode = new Inode();
        inode.write(2 * GIB, new byte[] {2}, false);
        inode.write(60 * GIB, new byte[] {60}, false);
        assertEquals(60 * GIB + 1, inode.size());
        assertEquals(2, inode.livePages());
        assertEquals(2, at(inode, 2 * GIB));
        assertEquals(60, at(inode, 60 * GIB));
        assertEquals(0, at(inode, 30 * GIB), "a hole reads as zeros");
        inode.force();
        assertEquals(2, inode.durablePages());
        inode.crash(outcome(0));
        assertEquals(60 * GIB + 1, inode.size());
        assertEquals(2, at(inode, 2 * GIB));
        assertEquals(60, at(inode, 60 * GIB));
        assertEquals(2, inode.livePages());
    }

    @Test
    void afterACrashTheLiveImageCopiesASharedPageBeforeChangingIt() throws IOException {
        Inode inode = new Inode();
        inode.write(0, new byte[] {1, 1, 1}, false);
        inode.force();
        inode.crash(outcome(0)); // the live image now shares the durable page
        inode.truncate(2);
        inode.write(1, new byte[] {9}, false);
        assertEquals(9, at(inode, 1));
        assertEquals(2, inode.size());
        inode.crash(outcome(0)); // both unforced changes lost: the durable page was never touched
        assertEquals(3, inode.size());
        assertEquals(1, at(inode, 1));
        assertEquals(1, at(inode, 2));
        inode.write(2, new byte[] {7}, false);
        inode.crash(outcome(1)); // kept: the durable image copies the page it shares with nobody now
        assertEquals(7, at(inode, 2));
    }

    @Test
    void truncatingDropsWholePagesAndZeroesTheRestOfTheLastOne() throws IOException {
        Inode inode = new Inode();
        byte[] as = new byte[3 * Image.PAGE];
        Arrays.fill(as, (byte) 'a');
        inode.write(0, as, false);
        assertEquals(3, inode.livePages());
        inode.truncate(Image.PAGE + 100);
        assertEquals(2, inode.livePages());
        inode.write(3 * Image.PAGE - 1, new byte[] {'z'}, false);
        assertEquals('a', at(inode, Image.PAGE + 99));
        assertEquals(0, at(inode, Image.PAGE + 100), "bytes cut by a truncate read as zeros when the file grows");
        assertEquals(0, at(inode, 2 * Image.PAGE));
        assertEquals('z', at(inode, 3 * Image.PAGE - 1));
        inode.truncate(Image.PAGE);
        assertEquals(1, inode.livePages());
    }

    @Test
    void aWritePastTheLimitFailsAndChangesNothing() throws IOException {
        Inode inode = new Inode();
        inode.write(0, new byte[] {5}, false);
        IOException e = assertThrows(IOException.class, () -> inode.write(Long.MAX_VALUE - 10, new byte[100], false));
        assertTrue(e.getMessage().contains("1 TiB"), e.getMessage());
        assertThrows(IOException.class, () -> inode.write(StorageConfig.MAX_FILE_SIZE, new byte[1], false));
        inode.write(StorageConfig.MAX_FILE_SIZE - 1, new byte[] {6}, false);
        inode.force();
        inode.crash(outcome(0));
        assertEquals(StorageConfig.MAX_FILE_SIZE, inode.size());
        assertEquals(5, at(inode, 0));
        assertEquals(6, at(inode, StorageConfig.MAX_FILE_SIZE - 1));
    }

    @Test
    void matchesAFlatArrayReferenceUnderRandomWritesTruncatesForcesAndCrashes() throws IOException {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom ops = new SplittableRandom(seed);
            Inode inode = new Inode();
            FlatInode reference = new FlatInode();
            // both sides decide crash outcomes from generators in the same state
            SplittableRandom crashes = new SplittableRandom(seed * 31);
            SplittableRandom referenceCrashes = new SplittableRandom(seed * 31);
            for (int step = 0; step < 60; step++) {
                int op = ops.nextInt(10);
                if (op < 5) {
                    long pos = ops.nextLong(6 * Image.PAGE);
                    byte[] bytes = new byte[ops.nextInt(3 * Image.PAGE)];
                    ops.nextBytes(bytes);
                    boolean phantom = ops.nextInt(8) == 0;
                    inode.write(pos, bytes, phantom);
                    reference.write(pos, bytes, phantom);
                } else if (op == 5) {
                    long size = ops.nextLong(7 * Image.PAGE);
                    inode.truncate(size);
                    reference.truncate(size);
                } else if (op == 6) {
                    inode.force();
                    reference.force();
                } else if (op == 7) {
                    inode.flushAll();
                    reference.flushAll();
                } else {
                    inode.crash(crashes);
                    reference.crash(referenceCrashes);
                }
                String where = "seed " + seed + ", step " + step;
                assertEquals(reference.size(), inode.size(), where);
                byte[] expected = new byte[(int) reference.size()];
                reference.read(0, expected, 0, expected.length);
                byte[] actual = new byte[expected.length];
                assertEquals(expected.length, inode.read(0, actual, 0, actual.length), where);
                assertArrayEquals(expected, actual, where);
                assertTrue(inode.livePages() <= (inode.size() + Image.PAGE - 1) / Image.PAGE, where);
            }
        }
    }

    /** The flat-array file this class replaced, kept as the reference: one array per image, grown by doubling. */
    private static final class FlatInode {

        private record Op(long offset, byte[] bytes, boolean phantom) {
            boolean truncate() {
                return bytes == null;
            }
        }

        private byte[] data = new byte[0];
        private long size;
        private byte[] durable = new byte[0];
        private long durableSize;
        private final List<Op> unforced = new ArrayList<>();

        long size() {
            return size;
        }

        int read(long pos, byte[] into, int off, int len) {
            if (pos >= size) {
                return 0;
            }
            int n = (int) Math.min(len, size - pos);
            System.arraycopy(data, (int) pos, into, off, n);
            return n;
        }

        void write(long pos, byte[] bytes, boolean phantom) {
            unforced.add(new Op(pos, bytes, phantom));
            long end = pos + bytes.length;
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
            }
            System.arraycopy(bytes, 0, data, (int) pos, bytes.length);
            size = Math.max(size, end);
        }

        void truncate(long newSize) {
            if (newSize >= size) {
                return;
            }
            unforced.add(new Op(newSize, null, false));
            Arrays.fill(data, (int) newSize, (int) size, (byte) 0);
            size = newSize;
        }

        void force() {
            for (Op op : unforced) {
                if (!op.phantom()) {
                    applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
                }
            }
            unforced.clear();
        }

        void flushAll() {
            for (Op op : unforced) {
                applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
            }
            unforced.clear();
        }

        void crash(RandomGenerator random) {
            List<Op> real = new ArrayList<>();
            for (Op op : unforced) {
                if (!op.phantom()) {
                    real.add(op);
                }
            }
            if (!real.isEmpty()) {
                int outcome = random.nextInt(3);
                int keep = outcome == 1 ? real.size() : outcome == 0 ? 0 : random.nextInt(real.size());
                for (int i = 0; i < keep; i++) {
                    Op op = real.get(i);
                    applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
                }
                if (outcome == 2 && !real.get(keep).truncate()) {
                    Op torn = real.get(keep);
                    int sectors = torn.bytes().length / Inode.SECTOR;
                    applyToDurable(torn, sectors == 0 ? 0 : random.nextInt(sectors + 1) * Inode.SECTOR);
                }
            }
            unforced.clear();
            data = Arrays.copyOf(durable, durable.length);
            size = durableSize;
        }

        private void applyToDurable(Op op, int length) {
            if (op.truncate()) {
                if (op.offset() < durableSize) {
                    Arrays.fill(durable, (int) op.offset(), (int) durableSize, (byte) 0);
                    durableSize = op.offset();
                }
                return;
            }
            if (length == 0) {
                return;
            }
            long end = op.offset() + length;
            if (end > durable.length) {
                durable = Arrays.copyOf(durable, (int) Math.max(end, durable.length * 2L));
            }
            System.arraycopy(op.bytes(), 0, durable, (int) op.offset(), length);
            durableSize = Math.max(durableSize, end);
        }
    }
}
