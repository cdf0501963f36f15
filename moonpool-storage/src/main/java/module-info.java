/**
 * Simulated disks: found by the runner as the {@code storage} resource plugin.
 */
module io.moonpool.storage {
    requires transitive io.moonpool.api;

    exports io.moonpool.storage;

    provides io.moonpool.api.spi.ResourcePlugin with
            io.moonpool.storage.internal.StoragePlugin;
}
