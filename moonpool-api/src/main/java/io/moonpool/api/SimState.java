package io.moonpool.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The state of the simulated world that invariants read: what workloads and processes publish, which processes
 * are alive, and the simulated time.
 *
 * <p>Workloads and processes publish with {@code ctx.state().publish(key, value)}; an invariant registered with
 * {@code SimulationBuilder.invariant(name, check)} reads the same values after every task step and every event
 * of the run phase. The state is per iteration: each seed starts empty, and a value published by a process
 * stays after the process is rebooted (it is the simulation's view, not the process's memory). Keys are shared
 * by every node: use a prefix per node or role when they must stay apart.
 *
 * <p><b>Values.</b> Publish immutable values (records, strings, boxed numbers, immutable collections): an
 * invariant runs between steps, and a value changed in place after it was published is read as it is then.
 *
 * <p><b>Threading.</b> Called from the simulation's tasks and the kernel thread, one at a time; no locks.
 */
public interface SimState {

    /**
     * Publishes a value under a key, replacing the value published before.
     *
     * @param key   the key; not blank
     * @param value the value, or null to remove the key
     * @throws IllegalArgumentException if {@code key} is null or blank
     */
    void publish(String key, Object value);

    /**
     * The value published under a key, if it has the given type.
     *
     * @param key  the key
     * @param type the type expected
     * @param <T>  the type
     * @return the value, or empty if nothing is published under {@code key}
     * @throws IllegalStateException if the value has another type; the message names both
     */
    <T> Optional<T> find(String key, Class<T> type);

    /**
     * The value published under a key.
     *
     * @param key  the key
     * @param type the type expected
     * @param <T>  the type
     * @return the value
     * @throws IllegalStateException if nothing is published under {@code key} (the message lists the keys that
     *                               are) or the value has another type
     */
    default <T> T get(String key, Class<T> type) {
        return find(key, type)
                .orElseThrow(() -> new IllegalStateException("nothing is published under state '" + key
                        + "'; published keys are " + keys() + " (publish it with ctx.state().publish(key, value),"
                        + " or read it with find(key, type))"));
    }

    /**
     * A number published under a key, as a long.
     *
     * @param key      the key
     * @param ifAbsent what to return when nothing is published under {@code key}
     * @return the value
     * @throws IllegalStateException if the value is not a {@link Number}
     */
    default long getLong(String key, long ifAbsent) {
        return find(key, Number.class).map(Number::longValue).orElse(ifAbsent);
    }

    /**
     * Every key published now.
     *
     * @return the keys, sorted
     */
    List<String> keys();

    /**
     * The simulated time now.
     *
     * @return the time since the start of the iteration
     */
    Duration now();

    /**
     * Every process of the simulation, alive or not.
     *
     * @return their IPs, in IP order
     */
    List<InetAddress> processes();

    /**
     * Whether a process is alive now: running, and neither shutting down, down, nor exited.
     *
     * @param ip a process's IP
     * @return true if it is alive
     * @throws IllegalArgumentException if {@code ip} is not a process of this simulation
     */
    boolean isAlive(InetAddress ip);
}
