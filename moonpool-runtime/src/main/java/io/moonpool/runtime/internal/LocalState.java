package io.moonpool.runtime.internal;

import io.moonpool.api.SimState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's own {@link SimState}: what its code publishes, readable by the same node (no invariant checks it, and
 * no other node sees it). Thread-safe. Only this node's liveness is known: it is alive until its shutdown
 * begins; every other process of the topology is reported alive.
 */
public final class LocalState implements SimState {

    private final NodeLife life;
    private final List<InetAddress> processes;
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /**
     * The state of a node.
     *
     * @param life      the node
     * @param processes the topology's processes
     */
    public LocalState(NodeLife life, List<InetAddress> processes) {
        this.life = life;
        List<InetAddress> sorted = new ArrayList<>(processes);
        // unsigned, as the simulator orders addresses: 192.168.x after 10.x
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getAddress(), b.getAddress()));
        this.processes = List.copyOf(sorted);
    }

    @Override
    public void publish(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "a state key must not be null or blank, was " + (key == null ? "null" : "'" + key + "'"));
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public <T> Optional<T> find(String key, Class<T> type) {
        Object v = key == null ? null : values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException("state '" + key + "' holds a "
                    + v.getClass().getName() + ", not a " + type.getName() + ": read it with that type");
        }
        return Optional.of(type.cast(v));
    }

    @Override
    public List<String> keys() {
        List<String> keys = new ArrayList<>(values.keySet());
        keys.sort(null);
        return keys;
    }

    @Override
    public Duration now() {
        return Duration.ofNanos(life.nanosSinceStart());
    }

    @Override
    public List<InetAddress> processes() {
        return processes;
    }

    @Override
    public boolean isAlive(InetAddress ip) {
        if (!processes.contains(ip)) {
            throw new IllegalArgumentException(
                    (ip == null ? "null" : ip.getHostAddress()) + " is not a process of this topology " + processes);
        }
        return !ip.equals(life.ip()) || life.phase() == NodeLife.Phase.RUNNING;
    }
}
