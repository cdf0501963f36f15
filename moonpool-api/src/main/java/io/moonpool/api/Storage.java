package io.moonpool.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.util.List;

/**
 * This node's disk: files as {@link FileChannel}s, where {@link FileChannel#force(boolean)} is the
 * durability point.
 *
 * <p><b>Simulation semantics.</b> Every IP has a disk of its own. At a crash, each file keeps what was forced;
 * what was written after the last force is, per seed, kept, lost, or torn (a prefix of the unforced writes,
 * at sector granularity), never invented. Metadata follows the same rule: a create, delete, rename or
 * truncate survives a crash once the file is forced or {@link #sync()} ran. A crash-and-wipe empties the
 * disk; a graceful shutdown keeps everything written. Channels of a crashed process are closed.
 *
 * <p><b>Paths.</b> A path names a file under the disk's root, and every method normalises it the same way,
 * lexically, as {@code Path.normalize()} does on Unix: empty and {@code "."} names are dropped, {@code ".."}
 * removes the name before it, and a leading {@code "/"} is the root. So {@code "./x"}, {@code "/x"},
 * {@code "a/../x"} and {@code "x"} are one file, and {@link #list()} returns the normalised form. Rejected
 * with {@link java.nio.file.InvalidPathException} (an {@code IllegalArgumentException}) before any
 * simulated I/O: a path naming no file ({@code ""}, {@code "."}, {@code "/"}), a {@code ".."} climbing above
 * the root, a NUL character, a name longer than 255 bytes or a path longer than 4096 bytes in UTF-8 (Linux's
 * limits); a null path throws {@code NullPointerException}. Directories are implicit: {@code "d/x"} needs no
 * directory {@code "d"} to be created first. But, as on a real file system, a name cannot be a file and a
 * directory at once: creating (or renaming to) {@code "a/b"} while a file {@code "a"} exists, or {@code "a"} while
 * {@code "a/b"} exists, throws {@link java.nio.file.FileSystemException}.
 *
 * <p><b>File size.</b> A simulated file may reach 1 TiB ({@code StorageConfig.MAX_FILE_SIZE} in
 * {@code moonpool-storage}). Files are sparse: a range never written is a hole that reads as zeros and costs
 * no memory, so a few bytes at 60 GiB cost a few pages, before and after a crash. A write that would end
 * past the limit throws {@link IOException} ("File too large", as a real file system's {@code EFBIG}) and
 * changes nothing: the file, the channel's position and the source buffer stay as they were.
 *
 * <p>Provided by the {@code moonpool-storage} module; without it, {@link SimContext#storage()} fails with
 * a message naming the artifact to add.
 */
public interface Storage {

    /**
     * Opens or creates a file on this node's disk.
     *
     * @param path    the file's path on this node's disk
     * @param options standard options ({@code CREATE}, {@code READ}, {@code WRITE}, ...)
     * @return an open channel
     * @throws java.nio.file.NoSuchFileException if the file does not exist and is not to be created
     * @throws java.nio.file.InvalidPathException if the path is not a valid path of a file (see above)
     * @throws IOException on other failures
     */
    FileChannel open(String path, OpenOption... options) throws IOException;

    /**
     * Whether a file exists on this node's disk.
     *
     * @param path the file's path
     * @return true if the file exists
     */
    boolean exists(String path);

    /**
     * Deletes a file from this node's disk.
     *
     * @param path the file's path
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws IOException on other failures
     */
    void delete(String path) throws IOException;

    /**
     * Renames a file atomically, replacing any file at {@code to}: readers see either the old or the new file,
     * never a mix (the standard way to publish a file). Like every metadata change, the rename survives a
     * crash only once made durable by {@link #sync()} or by forcing the file.
     *
     * @param from the current path
     * @param to   the new path
     * @throws java.nio.file.NoSuchFileException if {@code from} does not exist
     * @throws IOException on other failures
     */
    void rename(String from, String to) throws IOException;

    /**
     * Makes every metadata change so far (creates, deletes, renames) durable, like {@code fsync} on the
     * directory. File contents become durable only through {@link FileChannel#force(boolean)}.
     *
     * @throws IOException if the sync fails (a storage fault)
     */
    void sync() throws IOException;

    /**
     * The paths of all files on this node's disk, sorted.
     *
     * @return an unmodifiable sorted list of paths
     */
    List<String> list();
}
