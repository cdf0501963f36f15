package io.moonpool.api.spi;

/**
 * How far a node's wall clock is off the shared simulated time, provided by a resource plugin (the network's
 * clock skew fault) through {@link ResourceInstance#provide(Class, java.net.InetAddress)}.
 *
 * <p>The offset is fixed for the node's whole run: a skew, not a drift (a drift is a rate, a clock that
 * gains or loses time as it runs, which this SPI does not model).
 *
 * <p>Only {@link io.moonpool.api.Time#now()} and {@link io.moonpool.api.Time#clock()} are skewed; simulated
 * time itself, sleeps and {@link io.moonpool.api.Time#nanoTime()} stay shared by every node.
 */
@FunctionalInterface
public interface ClockSkew {

    /**
     * The offset of this node's wall clock.
     *
     * @return nanoseconds to add to the shared simulated time, positive or negative
     */
    long offsetNanos();
}
