package io.moonpool.api.spi;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What fault injectors may do to the network, provided by the network plugin through
 * {@link ResourceInstance#capability(Class)}: it belongs to the cluster, not to one node.
 */
public interface NetworkControl {

    /**
     * Cuts the network between two nodes, both directions, for a simulated duration, or until the chaos phase
     * ends.
     *
     * @param a        one node
     * @param b        the other node
     * @param duration how long
     */
    void partition(InetAddress a, InetAddress b, Duration duration);

    /**
     * Stalls delivery on a random share of a node's connections not clogged already (rounded, at least one
     * when {@code fraction} is above zero) for a while, or until the chaos phase ends.
     *
     * @param ip       the node
     * @param fraction the share of its unclogged connections to clog, in [0, 1]
     * @param duration how long each stays clogged
     * @return the number of connections clogged
     */
    int clog(InetAddress ip, double fraction, Duration duration);
}
