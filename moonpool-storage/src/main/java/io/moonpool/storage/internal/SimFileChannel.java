package io.moonpool.storage.internal;

import io.moonpool.storage.StorageConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/** A {@link FileChannel} on a simulated disk. */
final class SimFileChannel extends FileChannel {

    private final Disk disk;
    /** The path it was opened by, as the timeline names the file. */
    private final String path;

    private final Inode inode;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final boolean syncEveryWrite;
    private long position;
    private boolean gone;
    /** The process that opened it: on a shared disk, a crash of that process closes its channels only. */
    java.net.InetAddress owner;

    SimFileChannel(
            Disk disk,
            String path,
            Inode inode,
            boolean readable,
            boolean writable,
            boolean append,
            boolean syncEveryWrite) {
        this.disk = disk;
        this.path = path;
        this.inode = inode;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.syncEveryWrite = syncEveryWrite;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void ensureReadable() throws ClosedChannelException {
        ensureOpen();
        if (!readable) {
            throw new NonReadableChannelException();
        }
    }

    private void ensureWritable() throws ClosedChannelException {
        ensureOpen();
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }

    /** As the JDK's FileChannel does, before any I/O: a read-only buffer cannot be read into. */
    private static void ensureWritableBuffer(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureReadable();
        ensureWritableBuffer(dst);
        int n = readAt(dst, -1);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ensureReadable();
        for (int i = offset; i < offset + length; i++) {
            ensureWritableBuffer(dsts[i]); // every buffer before the first byte is read, as the JDK does
        }
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position: " + pos);
        }
        ensureReadable();
        ensureWritableBuffer(dst);
        return readAt(dst, pos);
    }

    /**
     * Reads at {@code pos}, or at the channel's position when {@code pos} is -1. The offset is taken after the
     * simulated I/O time, so that tasks sharing a channel see each other's moves, as with a real channel's
     * position lock.
     */
    private int readAt(ByteBuffer dst, long pos) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        StorageConfig config = disk.io(Disk.Kind.READ, dst.remaining(), this);
        ensureOpen();
        long at = pos < 0 ? position : pos;
        if (at >= inode.size()) {
            return -1;
        }
        int len = (int) Math.min(dst.remaining(), inode.size() - at);
        long from = at;
        if (disk.kernel.strikes(config.misdirection().readProbability()) && inode.size() > len) {
            from = disk.kernel.random().nextLong(inode.size() - len + 1);
            disk.kernel.fault(TimelineEntries.MISDIRECTED_READ, path, from);
        }
        if (dst.hasArray() && !Disk.faultsCanCorruptReads(config)) {
            int n = inode.read(from, dst.array(), dst.arrayOffset() + dst.position(), len);
            dst.position(dst.position() + n);
            return n;
        }
        byte[] bytes = new byte[len];
        int n = inode.read(from, bytes, 0, len);
        if (n > 0 && disk.kernel.strikes(config.corruption().readProbability())) {
            int bit = disk.kernel.random().nextInt(n * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            disk.kernel.fault(TimelineEntries.CORRUPTED_READ, path, bit);
        }
        dst.put(bytes, 0, n);
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureWritable();
        return writeAt(src, -1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        ensureWritable();
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position: " + pos);
        }
        ensureWritable();
        return writeAt(src, pos);
    }

    /**
     * Writes at {@code pos}, or, when {@code pos} is -1, at the channel's position (or the end, for APPEND)
     * and moves the position past it. The offset is taken after the simulated I/O time, with no yield
     * before the bytes land, so concurrent appends never overwrite each other, as with O_APPEND. A write that
     * would end past {@link StorageConfig#MAX_FILE_SIZE} throws {@code IOException} and
     * changes nothing: not the file, not the position, not the source buffer.
     */
    private int writeAt(ByteBuffer src, long pos) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        byte[] bytes = new byte[len];
        src.get(src.position(), bytes);
        StorageConfig config = disk.io(Disk.Kind.WRITE, len, this);
        ensureOpen();
        boolean relative = pos < 0;
        long at = !relative ? pos : append ? inode.size() : position;
        Inode.checkWithinLimit(at, len);
        long target = at;
        if (disk.kernel.strikes(config.misdirection().writeProbability())) {
            // anywhere in the file or up to the intended offset, but never past the size limit
            long bound = Math.min(Math.max(inode.size(), at), StorageConfig.MAX_FILE_SIZE - len);
            target = disk.kernel.random().nextLong(bound + 1);
            disk.kernel.fault(TimelineEntries.MISDIRECTED_WRITE, path, target);
        }
        if (disk.kernel.strikes(config.corruption().writeProbability())) {
            int bit = disk.kernel.random().nextInt(len * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            disk.kernel.fault(TimelineEntries.CORRUPTED_WRITE, path, bit);
        }
        boolean phantom = disk.kernel.strikes(config.phantomWrites().probability());
        if (phantom) {
            disk.kernel.fault(TimelineEntries.PHANTOM_WRITE, path, len);
        }
        inode.write(target, bytes, phantom);
        disk.traceWrite(bytes, len);
        disk.kernel.timeline(TimelineEntries.WRITE, path, len);
        src.position(src.position() + len);
        if (relative) {
            position = at + len;
        }
        if (syncEveryWrite) {
            force(true);
        }
        return len;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        // as the JDK reports it: an APPEND channel is always positioned at the end
        return append ? inode.size() : position;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        ensureOpen();
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return inode.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        ensureWritable();
        disk.io(Disk.Kind.WRITE, 0, this);
        inode.truncate(size);
        if (position > size) {
            position = size;
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen();
        StorageConfig config = disk.io(Disk.Kind.SYNC, 0, this);
        ensureOpen();
        if (disk.kernel.strikes(config.syncFailures().probability())) {
            disk.kernel.fault(TimelineEntries.FORCE_FAILED, path, 0);
            throw new IOException(
                    "simulated fsync failure: what was written since the last successful force" + " is not durable");
        }
        disk.force(inode);
        disk.kernel.timeline(TimelineEntries.FORCE, path, 0);
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ensureReadable();
        if (pos < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        long moved = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
        while (moved < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - moved));
            int n = readAt(buf, pos + moved);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            moved += n;
        }
        return moved;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
        ensureWritable();
        if (pos < 0 || count < 0) {
            throw new IllegalArgumentException("negative position or count");
        }
        if (pos > inode.size()) {
            return 0; // as the JDK does: nothing is transferred past the end of the file
        }
        long moved = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Math.max(count, 1), 64 * 1024));
        while (moved < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - moved));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            moved += writeAt(buf, pos + moved);
        }
        return moved;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("memory-mapped files are not simulated: their writes would"
                + " bypass the durability model; use read and write");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("file locks are not simulated: each disk belongs to one node");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("file locks are not simulated: each disk belongs to one node");
    }

    /** The owning process is gone: the channel is closed, without another disk operation. */
    void processGone() {
        gone = true;
        try {
            close();
        } catch (IOException e) {
            throw new IllegalStateException("closing a simulated channel cannot fail", e);
        }
    }

    @Override
    protected void implCloseChannel() {
        if (!gone) {
            disk.channels.remove(this);
        }
    }
}
