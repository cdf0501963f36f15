package io.moonpool.api.spi;

/**
 * How far a node's wall clock is off the shared simulated time, provided by a resource plugin (the network's
 * clock drift fault) through {@link ResourceInstance#provide(Class, java.net.InetAddress)}.
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
