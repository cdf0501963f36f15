package io.moonpool.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.util.List;

/**
 * This node's disk: files as {@link FileChannel}s, where {@link FileChannel#force(boolean)} is the
 * durability point.
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
     * The paths of all files on this node's disk, sorted.
     *
     * @return an unmodifiable sorted list of paths
     */
    List<String> list();
}
