package io.moonpool.net.internal;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.net.NetworkConfig;

/** The {@code network} resource plugin: a fresh simulated network per iteration. */
public final class NetworkPlugin implements ResourcePlugin {

    /** Creates the plugin; it holds no state. */
    public NetworkPlugin() {
    }

    @Override
    public String id() {
        return "network";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        NetworkConfig base = kernel.config(NetworkConfig.class).orElseGet(NetworkConfig::defaults);
        var mode = kernel.chaosMode(id());
        return new SimNetwork(kernel, mode == null ? base : ChaosDraw.draw(base, mode, kernel.configRandom()));
    }
}
