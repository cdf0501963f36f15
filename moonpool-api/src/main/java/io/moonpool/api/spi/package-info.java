/**
 * The kernel SPI: the narrow services a simulated resource (network, storage) needs from the kernel, the
 * process lifecycle events it reacts to, and the plugin interface through which the runner finds it.
 *
 * <p>Resource plugins depend on {@code moonpool-api} alone and never see the kernel's internals.
 */
package io.moonpool.api.spi;
