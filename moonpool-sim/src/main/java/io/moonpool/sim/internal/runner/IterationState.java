package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimState;
import io.moonpool.sim.internal.kernel.Kernel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The {@link SimState} of one iteration: published values by key (never iterated but through sorted keys). */
final class IterationState implements SimState {

    private final Kernel kernel;
    private final List<InetAddress> processes;
    private final Predicate<InetAddress> alive;
    private final Map<String, Object> values = new HashMap<>();

    IterationState(Kernel kernel, List<InetAddress> processes, Predicate<InetAddress> alive) {
        this.kernel = kernel;
        this.processes = List.copyOf(processes);
        this.alive = alive;
    }

    @Override
    public void publish(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a state key must not be null or blank, was " + quoted(key));
        }
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public <T> Optional<T> find(String key, Class<T> type) {
        Object v = values.get(key);
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
        return Duration.ofNanos(kernel.now());
    }

    @Override
    public List<InetAddress> processes() {
        return processes;
    }

    @Override
    public boolean isAlive(InetAddress ip) {
        return alive.test(ip);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
