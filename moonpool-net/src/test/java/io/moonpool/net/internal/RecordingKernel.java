package io.moonpool.net.internal;

import io.moonpool.api.config.DurationRange;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A kernel for driving the network from the test's own thread, one call at a time, that records the timeline
 * entries it is given. Scheduled actions run in (time, order) when the caller sleeps or parks: a park runs
 * the next action, as the real kernel would while the task waits, and fails if none is left. Buggify is off
 * (nothing is bound), so only the plugin's own entries appear.
 */
final class RecordingKernel implements KernelServices {

    private record Scheduled(long at, long seq, Runnable action) {}

    private final PriorityQueue<Scheduled> events = new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private final SplittableRandom random = new SplittableRandom(1);
    private final List<ResourceConfig> configs;
    private long now;
    private long seq;
    boolean chaos = true;
    /** Every entry, as {@code "t=<ns> <what> <subject> <value>"}. */
    final List<String> entries = new ArrayList<>();

    RecordingKernel(ResourceConfig... configs) {
        this.configs = List.of(configs);
    }

    /** Runs every action due up to {@code until}, then moves the clock there. */
    void runUntil(long until) {
        while (!events.isEmpty() && events.peek().at() <= until) {
            Scheduled s = events.poll();
            now = Math.max(now, s.at());
            s.action().run();
        }
        now = Math.max(now, until);
    }

    /** The entries recorded so far, then forgets them. */
    List<String> take() {
        List<String> taken = List.copyOf(entries);
        entries.clear();
        return taken;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public void schedule(long delayNanos, Runnable action) {
        events.add(new Scheduled(now + delayNanos, seq++, action));
    }

    @Override
    public RandomGenerator configRandom(InetAddress ip) {
        return new SplittableRandom(ip.hashCode());
    }

    @Override
    public void sleep(long nanos) {
        runUntil(now + nanos);
    }

    @Override
    public void park(Object blocker) {
        Scheduled s = events.poll();
        if (s == null) {
            throw new AssertionError("the test would wait for ever on " + blocker);
        }
        now = Math.max(now, s.at());
        s.action().run();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public RandomGenerator configRandom() {
        return random;
    }

    @Override
    public <T extends ResourceConfig> Optional<T> config(Class<T> type) {
        return configs.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public boolean chaosActive() {
        return chaos;
    }

    @Override
    public boolean strikes(double probability) {
        return probability > 0 && chaos && random.nextDouble() < probability;
    }

    @Override
    public long drawNanos(DurationRange range) {
        long lo = range.min().toNanos();
        long hi = range.max().toNanos();
        return hi <= lo ? lo : random.nextLong(lo, hi + 1);
    }

    @Override
    public void trace(long value) {}

    @Override
    public void timeline(String what, Object subject, long value) {
        entries.add("t=" + now + " " + what + " " + subject + " " + value);
    }

    @Override
    public void fault(String kind, Object subject, long value) {
        timeline(kind, subject, value); // as the runner does: an entry, and a count the fake does not keep
    }
}
