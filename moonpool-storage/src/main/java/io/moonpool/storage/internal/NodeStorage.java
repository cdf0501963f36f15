package io.moonpool.storage.internal;

import io.moonpool.api.Storage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link Storage} of one node: its own disk. Every path is normalised by {@link DiskPaths} before
 * anything else, so a rejected path costs no simulated time and changes nothing.
 */
final class NodeStorage implements Storage {

    private final Disk disk;
    private final java.net.InetAddress ip;

    /**
     * The storage of one node.
     *
     * @param disk its disk, its own or its machine's shared one
     * @param ip   the node, which owns the channels it opens
     */
    NodeStorage(Disk disk, java.net.InetAddress ip) {
        this.disk = disk;
        this.ip = ip;
    }

    @Override
    public FileChannel open(String given, OpenOption... options) throws IOException {
        String path = DiskPaths.normalise(given);
        Set<StandardOpenOption> opts = EnumSet.noneOf(StandardOpenOption.class);
        for (OpenOption o : options) {
            if (!(o instanceof StandardOpenOption s)) {
                throw new UnsupportedOperationException(
                        "unsupported open option " + o + ": simulated files take StandardOpenOption only");
            }
            if (s == StandardOpenOption.DELETE_ON_CLOSE) {
                throw new UnsupportedOperationException("DELETE_ON_CLOSE is not simulated: delete the file instead");
            }
            opts.add(s);
        }
        boolean append = opts.contains(StandardOpenOption.APPEND);
        boolean write = append || opts.contains(StandardOpenOption.WRITE);
        boolean read = opts.contains(StandardOpenOption.READ) || !write;
        if (append && opts.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ + APPEND not allowed");
        }
        if (append && opts.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        // the simulated time first, then the namespace is checked and changed with no yield in between
        boolean mayCreate =
                write && (opts.contains(StandardOpenOption.CREATE) || opts.contains(StandardOpenOption.CREATE_NEW));
        if (mayCreate || (write && opts.contains(StandardOpenOption.TRUNCATE_EXISTING))) {
            disk.io(Disk.Kind.WRITE, 0, null);
        }
        Inode inode = disk.live.get(path);
        if (inode != null && write && opts.contains(StandardOpenOption.CREATE_NEW)) {
            throw new FileAlreadyExistsException(path);
        }
        if (inode == null) {
            if (!mayCreate) {
                throw new NoSuchFileException(path);
            }
            disk.checkNoDirectoryClash(path);
            inode = new Inode();
            disk.live.put(path, inode);
        } else if (write && opts.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            inode.truncate(0);
        }
        boolean sync = opts.contains(StandardOpenOption.SYNC) || opts.contains(StandardOpenOption.DSYNC);
        SimFileChannel channel = new SimFileChannel(disk, path, inode, read, write, append, sync);
        channel.owner = ip;
        disk.channels.add(channel);
        return channel;
    }

    @Override
    public boolean exists(String path) {
        return disk.live.containsKey(DiskPaths.normalise(path));
    }

    @Override
    public void delete(String given) throws IOException {
        String path = DiskPaths.normalise(given);
        disk.io(Disk.Kind.WRITE, 0, null);
        disk.lookup(path);
        disk.live.remove(path);
    }

    @Override
    public void rename(String givenFrom, String givenTo) throws IOException {
        String from = DiskPaths.normalise(givenFrom);
        String to = DiskPaths.normalise(givenTo);
        disk.io(Disk.Kind.WRITE, 0, null);
        Inode inode = disk.lookup(from);
        if (!disk.live.containsKey(to)) {
            disk.checkNoDirectoryClash(to);
        }
        disk.live.remove(from);
        disk.live.put(to, inode);
    }

    @Override
    public void sync() throws IOException {
        // the faults of the configuration in effect when the sync began, as for every operation
        if (disk.kernel.strikes(disk.io(Disk.Kind.SYNC, 0, null).syncFailures().probability())) {
            disk.kernel.fault(TimelineEntries.SYNC_FAILED, null, 0);
            throw new IOException(
                    "simulated directory sync failure: metadata changes since the last sync are" + " not durable");
        }
        disk.syncNamespace();
        disk.kernel.timeline(TimelineEntries.SYNC, null, 0);
    }

    /** The paths as {@link DiskPaths#normalise} made them on the way in, so a listed path opens as it is. */
    @Override
    public List<String> list() {
        return List.copyOf(disk.live.keySet());
    }
}
