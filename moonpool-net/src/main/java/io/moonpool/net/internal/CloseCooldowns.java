package io.moonpool.net.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The random-close cooldown, per pair of nodes (either direction, a node with itself included): after a random
 * close of a connection between two nodes, none between them is closed at random until the cooldown has
 * passed. Per pair rather than per connection, since a random close ends its connection: what the cooldown
 * spares is the connection that replaces it. Looked up, never iterated.
 */
final class CloseCooldowns {

    /** Two nodes in a fixed order (by address bytes), so that both ends of a connection name the same pair. */
    record NodePair(InetAddress low, InetAddress high) {
        static NodePair of(InetAddress a, InetAddress b) {
            return Arrays.compareUnsigned(a.getAddress(), b.getAddress()) <= 0
                    ? new NodePair(a, b)
                    : new NodePair(b, a);
        }
    }

    private final long cooldownNanos;
    /** Until when each pair cools down. */
    private final Map<NodePair, Long> until = new HashMap<>();

    CloseCooldowns(Duration cooldown) {
        // validated at most 50 years: in nanoseconds without overflow
        this.cooldownNanos = cooldown.toNanos();
    }

    /** Whether the pair cools down now, so that no random close may be drawn for it; never with no cooldown. */
    boolean cooling(SimConnection c, long now) {
        if (cooldownNanos == 0) {
            return false; // without a cooldown, nothing is looked up or made
        }
        Long end = until.get(c.nodePair());
        return end != null && end > now;
    }

    /** A random close struck the pair now: it cools down from now on. */
    void struck(SimConnection c, long now) {
        if (cooldownNanos != 0) {
            until.put(c.nodePair(), Links.saturatedAdd(now, cooldownNanos));
        }
    }
}
