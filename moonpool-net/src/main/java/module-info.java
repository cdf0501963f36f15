/**
 * The simulated network: found by the runner as the {@code network} resource plugin.
 */
module io.moonpool.net {
    requires transitive io.moonpool.api;

    exports io.moonpool.net;

    provides io.moonpool.api.spi.ResourcePlugin with
            io.moonpool.net.internal.NetworkPlugin;
}
