package io.moonpool.api.spi;

/**
 * The configuration of one resource plugin (for example the network's {@code NetworkConfig}), passed to the
 * builder's {@code configure(...)} and handed to the plugin through {@link KernelServices#config(Class)}.
 *
 * <p>Implementations are immutable and validated when built.
 */
public interface ResourceConfig {

    /**
     * The id of the resource plugin this configures; a configuration whose plugin is absent fails the
     * simulation's configuration with the artifact to add.
     *
     * @return the plugin id, for example {@code "network"}
     */
    String resourceId();

    /**
     * The Maven artifact that provides the plugin, for error messages.
     *
     * @return for example {@code "io.moonpool:moonpool-net"}
     */
    String artifact();
}
