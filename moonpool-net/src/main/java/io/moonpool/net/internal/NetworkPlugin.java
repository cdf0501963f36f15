package io.moonpool.net.internal;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.net.NetworkConfig;

/** The {@code network} resource plugin: a fresh simulated network per iteration. */
public final class NetworkPlugin implements ResourcePlugin {

    /** Creates the plugin; it holds no state. */
    public NetworkPlugin() {}

    @Override
    public String id() {
        return "network";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        NetworkConfig base = kernel.config(NetworkConfig.class).orElseGet(NetworkConfig::defaults);
        return new SimNetwork(
                kernel,
                base.chaos() == io.moonpool.api.fault.ChaosMode.OFF
                        ? base
                        : ChaosDraw.draw(base, kernel.configRandom()));
    }
}
