package io.moonpool.storage.internal;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.storage.StorageConfig;

/** The {@code storage} resource plugin: fresh disks per iteration. */
public final class StoragePlugin implements ResourcePlugin {

    /** Creates the plugin; it holds no state. */
    public StoragePlugin() {}

    @Override
    public String id() {
        return "storage";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        return new SimStorage(kernel, kernel.config(StorageConfig.class).orElseGet(StorageConfig::defaults));
    }
}
