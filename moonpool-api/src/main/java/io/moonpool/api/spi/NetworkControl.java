package io.moonpool.api.spi;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;

/**
 * What fault injectors may do to the network, provided by the network plugin through
 * {@link ResourceInstance#capability(Class)}: it belongs to the cluster, not to one node.
 *
 * <p>A <em>cut</em> holds the traffic of one direction between two nodes (or, as the plugin is configured,
 * resets their connections) for a simulated duration, or until the chaos phase ends, whichever comes first;
 * what it held is then delivered in order. A connect needs both directions, so one across any cut waits.
 * After the chaos phase no cut is made, none is in force, and healing does nothing. Only {@link #partition}
 * and {@link #clog} are required; the other operations are default methods that throw
 * {@link UnsupportedOperationException} naming the operation, so that a network plugin written before them
 * still compiles. {@code moonpool-net} implements them all.
 *
 * <p>Determinism: every operation runs in a task of the simulation; an implementation draws only from the
 * kernel's streams and folds each decision into the trace ({@link KernelServices#trace}).
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
     * Cuts one direction between two nodes: what {@code from} sends to {@code to} is held, what {@code to}
     * sends to {@code from} flows. A connect between them, either way, waits until the cut ends.
     *
     * @param from     the node whose traffic is held
     * @param to       the node it no longer reaches
     * @param duration how long
     * @throws UnsupportedOperationException if this network plugin has no one-way cuts
     */
    default void cut(InetAddress from, InetAddress to, Duration duration) {
        throw unsupported("cut(from, to, duration)");
    }

    /**
     * Cuts everything a node sends, to every other node: it still receives.
     *
     * @param node     the node
     * @param duration how long
     * @throws UnsupportedOperationException if this network plugin has no one-way cuts
     */
    default void isolateSend(InetAddress node, Duration duration) {
        throw unsupported("isolateSend(node, duration)");
    }

    /**
     * Cuts everything sent to a node, from every other node: what it sends still flows.
     *
     * @param node     the node
     * @param duration how long
     * @throws UnsupportedOperationException if this network plugin has no one-way cuts
     */
    default void isolateReceive(InetAddress node, Duration duration) {
        throw unsupported("isolateReceive(node, duration)");
    }

    /**
     * Cuts a group of nodes from every node outside it (processes and workloads), both directions, while
     * traffic within the group flows: a zone or a datacenter cut from the rest.
     *
     * @param group    the nodes of the group (duplicates count once)
     * @param duration how long
     * @throws UnsupportedOperationException if this network plugin has no group cuts
     */
    default void isolate(Collection<InetAddress> group, Duration duration) {
        throw unsupported("isolate(group, duration)");
    }

    /**
     * Whether traffic from one node to another is cut now (one direction; clogs do not count).
     *
     * @param from the sender
     * @param to   the receiver
     * @return true if a cut holds what {@code from} sends to {@code to}
     * @throws UnsupportedOperationException if this network plugin cannot tell
     */
    default boolean isPartitioned(InetAddress from, InetAddress to) {
        throw unsupported("isPartitioned(from, to)");
    }

    /**
     * Lifts now every cut between two nodes, both directions, and delivers what they held. A cut that also
     * covers other pairs (an isolation, a group cut) keeps cutting those.
     *
     * @param a one node
     * @param b the other node
     * @throws UnsupportedOperationException if this network plugin cannot heal
     */
    default void heal(InetAddress a, InetAddress b) {
        throw unsupported("heal(a, b)");
    }

    /**
     * Lifts every cut now and delivers what they held.
     *
     * @throws UnsupportedOperationException if this network plugin cannot heal
     */
    default void healAll() {
        throw unsupported("healAll()");
    }

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

    private UnsupportedOperationException unsupported(String operation) {
        return new UnsupportedOperationException("NetworkControl." + operation + " is not supported by the"
                + " network plugin " + getClass().getName() + "; use moonpool-net's simulated network, or"
                + " implement it there");
    }
}
