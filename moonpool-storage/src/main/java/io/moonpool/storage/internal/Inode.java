package io.moonpool.storage.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A file's contents: what readers see now, what is durable (as of the last force), and the operations in
 * between, in order, so that a crash can keep, lose or tear them.
 */
final class Inode {

    static final int SECTOR = 512;

    /** A write (bytes at an offset) or a truncate (bytes == null), not yet durable. */
    record Op(long offset, byte[] bytes, boolean phantom) {
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

    /** Copies up to {@code len} bytes from {@code pos}; returns how many (0 at or past the end). */
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
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("simulated files are limited to 2 GiB");
        }
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

    /** Makes everything written durable, except phantom writes, which only pretend to be. */
    void force() {
        for (Op op : unforced) {
            if (!op.phantom()) {
                applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
            }
        }
        unforced.clear();
    }

    /** Makes everything written durable, phantom writes included: a clean shutdown. */
    void flushAll() {
        for (Op op : unforced) {
            applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
        }
        unforced.clear();
    }

    /**
     * What survives a crash: the durable contents, plus a prefix of the unforced writes; per file and per
     * crash, they are all kept, all lost, or torn (a prefix, its last write cut at a sector boundary). Phantom
     * writes never survive. Nothing is invented: every surviving byte was written. Draws from {@code random}
     * only when there is something unforced to decide about.
     */
    void crash(RandomGenerator random) {
        List<Op> real = new ArrayList<>();
        for (Op op : unforced) {
            if (!op.phantom()) {
                real.add(op);
            }
        }
        if (!real.isEmpty()) {
            int outcome = random.nextInt(3); // 0 lost, 1 kept, 2 torn
            int keep = outcome == 1 ? real.size() : outcome == 0 ? 0 : random.nextInt(real.size());
            for (int i = 0; i < keep; i++) {
                Op op = real.get(i);
                applyToDurable(op, op.truncate() ? 0 : op.bytes().length);
            }
            if (outcome == 2 && !real.get(keep).truncate()) {
                Op torn = real.get(keep);
                int sectors = torn.bytes().length / SECTOR;
                applyToDurable(torn, sectors == 0 ? 0 : random.nextInt(sectors + 1) * SECTOR);
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
