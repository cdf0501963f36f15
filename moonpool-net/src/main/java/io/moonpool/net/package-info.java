/**
 * The simulated network's configuration: {@link io.moonpool.net.NetworkConfig}, given to the builder with
 * {@code configure(...)}. The network itself is reached through {@code ctx.network()}.
 */
package io.moonpool.net;
