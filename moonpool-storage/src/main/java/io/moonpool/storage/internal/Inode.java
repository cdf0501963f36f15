package io.moonpool.storage.internal;

import io.moonpool.storage.StorageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A file's contents: what readers see now, what is durable (as of the last force), and the operations in
 * between, in order, so that a crash can keep, lose or tear them. Both images are sparse {@link Image}s
 * that share pages after a crash until one of them changes a page.
 */
final class Inode {

    static final int SECTOR = 512;

    /** A write (bytes at an offset) or a truncate (bytes == null), not yet durable. */
    record Op(long offset, byte[] bytes, boolean phantom) {
        boolean truncate() {
            return bytes == null;
        }
    }

    private Image live = new Image();
    private final Image durable = new Image();
    private final List<Op> unforced = new ArrayList<>();

    long size() {
        return live.size();
    }

    /** Pages holding the bytes readers see now, holes excluded; for tests. */
    int livePages() {
        return live.pageCount();
    }

    /** Pages holding the durable bytes, holes excluded; for tests. */
    int durablePages() {
        return durable.pageCount();
    }

    /** Copies up to {@code len} bytes from {@code pos}; returns how many (0 at or past the end). */
    int read(long pos, byte[] into, int off, int len) {
        return live.read(pos, into, off, len);
    }

    /**
     * Writes {@code bytes} at {@code pos}, or fails, changing nothing, when they would end past
     * {@link StorageConfig#MAX_FILE_SIZE}.
     *
     * @throws IOException "File too large", as the JDK reports {@code EFBIG}, naming the limit
     */
    void write(long pos, byte[] bytes, boolean phantom) throws IOException {
        checkWithinLimit(pos, bytes.length);
        unforced.add(new Op(pos, bytes, phantom));
        live.write(pos, bytes, 0, bytes.length, durable);
    }

    /** Fails when {@code len} bytes at {@code pos} would end past {@link StorageConfig#MAX_FILE_SIZE}. */
    static void checkWithinLimit(long pos, int len) throws IOException {
        if (pos > StorageConfig.MAX_FILE_SIZE - len) {
            throw new IOException("File too large: a write of " + len + " bytes at offset " + pos
                    + " would end past the simulated file size limit of " + (StorageConfig.MAX_FILE_SIZE >> 40)
                    + " TiB (StorageConfig.MAX_FILE_SIZE, " + StorageConfig.MAX_FILE_SIZE + " bytes)");
        }
    }

    void truncate(long newSize) {
        if (newSize >= live.size()) {
            return;
        }
        unforced.add(new Op(newSize, null, false));
        live.truncate(newSize, durable);
    }

    /** Makes everything written durable, except phantom writes, which only pretend to be. */
    void force() {
        for (Op op : unforced) {
            if (!op.phantom()) {
                applyToDurable(op, op.truncate() ? 0 : op.bytes().length, live);
            }
        }
        unforced.clear();
    }

    /** Makes everything written durable, phantom writes included: a clean shutdown. */
    void flushAll() {
        for (Op op : unforced) {
            applyToDurable(op, op.truncate() ? 0 : op.bytes().length, live);
        }
        unforced.clear();
    }

    /**
     * What survives a crash: the durable contents, plus a prefix of the unforced writes; per file and per
     * crash, they are all kept, all lost, or torn (a prefix, its last write cut at a sector boundary). Phantom
     * writes never survive. Nothing is invented: every surviving byte was written. Draws from {@code random}
     * only when there is something unforced to decide about.
     *
     * @return what happened to the unforced writes, or null when there were none
     */
    Crash crash(RandomGenerator random) {
        List<Op> real = new ArrayList<>();
        for (Op op : unforced) {
            if (!op.phantom()) {
                real.add(op);
            }
        }
        Crash result = null;
        if (!real.isEmpty()) {
            CrashOutcome outcome = CrashOutcome.VALUES[random.nextInt(CrashOutcome.VALUES.length)];
            int keep = switch (outcome) {
                case LOST -> 0;
                case KEPT -> real.size();
                case TORN -> random.nextInt(real.size());
            };
            for (int i = 0; i < keep; i++) {
                Op op = real.get(i);
                applyToDurable(op, op.truncate() ? 0 : op.bytes().length, null);
            }
            if (outcome == CrashOutcome.TORN && !real.get(keep).truncate()) {
                Op torn = real.get(keep);
                int sectors = torn.bytes().length / SECTOR;
                applyToDurable(torn, sectors == 0 ? 0 : random.nextInt(sectors + 1) * SECTOR, null);
            }
            result = new Crash(outcome, real.size(), keep);
        }
        unforced.clear();
        live = durable.copy(); // shares the durable pages until either side changes one
        return result;
    }

    /**
     * What a crash did to a file's unforced writes (phantom ones excluded).
     *
     * @param outcome  the outcome drawn
     * @param unforced how many there were
     * @param kept     how many survived whole
     */
    record Crash(CrashOutcome outcome, int unforced, int kept) {}

    /**
     * What a crash does to the writes made since the last force, drawn in this order (the draw's index is the
     * ordinal, so the order is part of every seed's replay).
     */
    enum CrashOutcome {
        /** None of them reached the disk. */
        LOST,
        /** All of them did. */
        KEPT,
        /** A prefix did, and the next one only in part, whole sectors at a time. */
        TORN;

        static final CrashOutcome[] VALUES = values();
    }

    /**
     * Applies the first {@code length} bytes of a write (or a truncate) to the durable image, copying first
     * any page it shares with {@code sharer}: the live image, or null when the live image is about to be
     * replaced (a crash).
     */
    private void applyToDurable(Op op, int length, Image sharer) {
        if (op.truncate()) {
            durable.truncate(op.offset(), sharer);
        } else if (length > 0) {
            durable.write(op.offset(), op.bytes(), 0, length, sharer);
        }
    }
}
