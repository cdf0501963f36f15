package io.moonpool.storage.internal;

import io.moonpool.api.spi.StoragePaths;

/**
 * The paths of a simulated disk: the rule shared with the production storage, {@link StoragePaths}, applied by
 * every {@code Storage} operation before anything else.
 */
final class DiskPaths {

    private DiskPaths() {}

    /**
     * The normalised form of {@code path}, by {@link StoragePaths#normalise(String)}.
     *
     * @throws NullPointerException if {@code path} is null
     * @throws java.nio.file.InvalidPathException if it is not a valid path of a file, saying why
     */
    static String normalise(String path) {
        return StoragePaths.normalise(path);
    }
}
