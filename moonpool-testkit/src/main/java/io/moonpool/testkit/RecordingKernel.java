package io.moonpool.testkit;

import io.moonpool.api.config.DurationRange;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A fake {@link KernelServices} for driving a resource plugin from the test's own thread, one call at a time,
 * without the simulator: it records the timeline entries it is given, counts the draws from the simulation
 * stream, and folds every trace value, timeline entry and scheduled instant into a hash of its own.
 *
 * <p><b>Simulated time.</b> The clock starts at 0 and moves only when the caller sleeps or parks, or calls
 * {@link #runUntil}. Scheduled actions run in (time, order scheduled) on the calling thread: a {@link #park}
 * runs the next due action, as the real kernel would while the task waits, and fails with an
 * {@link AssertionError} when none is left (the caller would wait for ever) or after
 * {@link #MAX_ACTIONS} actions (it would never stop).
 *
 * <p><b>Randomness.</b> One {@link SplittableRandom} of the given seed serves both {@link #random()} and
 * {@link #configRandom()}, so the values a plugin draws are those of that generator in the order drawn; the
 * generator {@link #random()} returns counts its draws ({@link #simulationDraws()}) and the other does not.
 * {@link #configRandom(InetAddress)} starts a generator from the address's hash (its bytes). Buggify is off: nothing is
 * bound, so only the plugin's own entries appear.
 *
 * <p><b>Threading.</b> Not thread-safe: one thread (the test's) drives it, as the kernel drives one task at a
 * time.
 */
public final class RecordingKernel implements KernelServices {

    /** How many scheduled actions one kernel runs before it decides the plugin never goes quiet. */
    public static final long MAX_ACTIONS = 10_000_000L;

    private record Scheduled(long at, long seq, Runnable action) {}

    private final PriorityQueue<Scheduled> events = new PriorityQueue<>(
            (a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    private final SplittableRandom random;
    private final CountingRandom simulationStream;
    private final List<ResourceConfig> configs;
    private final List<String> entries = new ArrayList<>();
    private long now;
    private long seq;
    private long actions;
    private boolean chaos = true;
    private long traceHash = 17;
    // looked up by address only, never iterated: an InetAddress hashes its bytes, the same in every JVM
    private final java.util.Map<InetAddress, io.moonpool.api.Locality> localities = new java.util.HashMap<>();
    /** The nodes placed, in the order placed: what {@link #ipsIn} lists. */
    private final List<InetAddress> placed = new ArrayList<>();

    /**
     * A kernel at time 0 with the chaos phase on, drawing from seed 1.
     *
     * @param configs what {@link #config(Class)} answers: the first of each type
     */
    public RecordingKernel(ResourceConfig... configs) {
        this(1, configs);
    }

    /**
     * A kernel at time 0 with the chaos phase on.
     *
     * @param seed    the seed of its one random generator
     * @param configs what {@link #config(Class)} answers: the first of each type
     */
    public RecordingKernel(long seed, ResourceConfig... configs) {
        this.random = new SplittableRandom(seed);
        this.simulationStream = new CountingRandom(random);
        this.configs = List.of(configs);
    }

    /**
     * Runs every action due up to {@code until}, in order, then moves the clock there (never back).
     *
     * @param until the simulated instant, in nanoseconds
     * @throws AssertionError after {@link #MAX_ACTIONS} actions in all
     */
    public void runUntil(long until) {
        while (!events.isEmpty() && events.peek().at() <= until) {
            runNext();
        }
        now = Math.max(now, until);
    }

    /**
     * Runs the scheduled actions until none is left or {@code idle} answers true, checking it before each.
     *
     * @param idle whether to stop
     * @return true when {@code idle} answered true, false when no action was left first
     * @throws AssertionError after {@link #MAX_ACTIONS} actions in all
     */
    public boolean runWhile(java.util.function.BooleanSupplier idle) {
        while (!idle.getAsBoolean()) {
            if (events.isEmpty()) {
                return false;
            }
            runNext();
        }
        return true;
    }

    private void runNext() {
        Scheduled s = events.poll();
        if (++actions > MAX_ACTIONS) {
            throw new AssertionError("the plugin scheduled more than " + MAX_ACTIONS + " actions: it never stops");
        }
        now = Math.max(now, s.at());
        s.action().run();
    }

    /**
     * The timeline entries recorded since the last call, each as {@code "t=<ns> <what> <subject> <value>"},
     * then forgets them.
     *
     * @return the entries, in the order recorded
     */
    public List<String> take() {
        List<String> taken = List.copyOf(entries);
        entries.clear();
        return taken;
    }

    /**
     * Turns the chaos phase on or off: what {@link #chaosActive()} answers, and whether {@link #strikes}
     * may strike. Does not call {@code onChaosEnd}: the caller does, as the runner would.
     *
     * @param on whether the chaos phase is on
     */
    public void chaos(boolean on) {
        chaos = on;
    }

    /**
     * Places a node, as the runner's layout would: what {@link #locality(InetAddress)} answers for it. A node
     * never placed has no locality (a workload, as far as the plugin can tell).
     *
     * @param ip       the node
     * @param locality its datacenter, zone and machine
     * @return this kernel
     * @throws NullPointerException if an argument is null
     */
    public RecordingKernel place(InetAddress ip, io.moonpool.api.Locality locality) {
        if (localities.put(Objects.requireNonNull(ip, "ip"), Objects.requireNonNull(locality, "locality")) == null) {
            placed.add(ip);
        }
        return this;
    }

    /**
     * How many values the plugin drew from {@link #random()}, the simulation stream, so far.
     *
     * @return the number of draws
     */
    public long simulationDraws() {
        return simulationStream.draws;
    }

    /**
     * A hash of every {@link #trace} value, timeline entry and scheduled instant so far, in order: the same
     * calls in the same order give the same hash, in any JVM.
     *
     * @return the hash
     */
    public long traceHash() {
        return traceHash;
    }

    /**
     * Whether any scheduled action is still pending.
     *
     * @return true when nothing is scheduled
     */
    public boolean idle() {
        return events.isEmpty();
    }

    private void fold(long value) {
        traceHash = (traceHash ^ value) * 0x9E3779B97F4A7C15L;
        traceHash ^= traceHash >>> 29;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public void schedule(long delayNanos, Runnable action) {
        fold(now + delayNanos);
        events.add(new Scheduled(now + delayNanos, seq++, Objects.requireNonNull(action, "action")));
    }

    @Override
    public RandomGenerator configRandom(InetAddress ip) {
        return new SplittableRandom(ip.hashCode()); // an address's hash is its bytes: the same in every JVM
    }

    @Override
    public void sleep(long nanos) {
        runUntil(now + nanos);
    }

    /**
     * Runs the next scheduled action instead of parking: the only way anything the caller waits for can
     * happen on a single thread.
     *
     * @param blocker what the caller waits for, named in the error
     * @throws AssertionError when nothing is scheduled, so the caller would wait for ever
     */
    @Override
    public void park(Object blocker) {
        if (events.isEmpty()) {
            throw new AssertionError("the caller would wait for ever on " + blocker + " at t=" + now + " ns");
        }
        runNext();
    }

    @Override
    public RandomGenerator random() {
        return simulationStream;
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
        return probability > 0 && chaos && simulationStream.nextDouble() < probability;
    }

    @Override
    public long drawNanos(DurationRange range) {
        long lo = range.min().toNanos();
        long hi = range.max().toNanos();
        return hi <= lo ? lo : simulationStream.nextLong(lo, hi + 1);
    }

    @Override
    public void trace(long value) {
        fold(value);
    }

    @Override
    public void timeline(String what, Object subject, long value) {
        String entry = "t=" + now + " " + what + " " + subject + " " + value;
        fold(entry.hashCode());
        entries.add(entry);
    }

    /** What {@link #place} said of the node; empty if it was never placed. Draws nothing. */
    @Override
    public Optional<io.moonpool.api.Locality> locality(InetAddress ip) {
        return Optional.ofNullable(localities.get(ip));
    }

    /** The nodes {@link #place placed} in that domain, in the order placed. Draws nothing. */
    @Override
    public List<InetAddress> ipsIn(io.moonpool.api.FailureDomain domain, String id) {
        List<InetAddress> ips = new ArrayList<>();
        for (InetAddress ip : placed) {
            String own = domain == io.moonpool.api.FailureDomain.PROCESS
                    ? ip.getHostAddress()
                    : localities.get(ip).id(domain);
            if (own.equals(id)) {
                ips.add(ip);
            }
        }
        return List.copyOf(ips);
    }

    @Override
    public void fault(String kind, Object subject, long value) {
        timeline(kind, subject, value); // as the runner does: an entry, and a count this fake does not keep
    }

    /** The simulation stream: the shared generator, counting every draw made through it. */
    private static final class CountingRandom implements RandomGenerator {
        private final SplittableRandom delegate;
        long draws;

        CountingRandom(SplittableRandom delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean nextBoolean() {
            draws++;
            return delegate.nextBoolean();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            draws++;
            delegate.nextBytes(bytes);
        }

        @Override
        public float nextFloat() {
            draws++;
            return delegate.nextFloat();
        }

        @Override
        public float nextFloat(float bound) {
            draws++;
            return delegate.nextFloat(bound);
        }

        @Override
        public float nextFloat(float origin, float bound) {
            draws++;
            return delegate.nextFloat(origin, bound);
        }

        @Override
        public double nextDouble() {
            draws++;
            return delegate.nextDouble();
        }

        @Override
        public double nextDouble(double bound) {
            draws++;
            return delegate.nextDouble(bound);
        }

        @Override
        public double nextDouble(double origin, double bound) {
            draws++;
            return delegate.nextDouble(origin, bound);
        }

        @Override
        public int nextInt() {
            draws++;
            return delegate.nextInt();
        }

        @Override
        public int nextInt(int bound) {
            draws++;
            return delegate.nextInt(bound);
        }

        @Override
        public int nextInt(int origin, int bound) {
            draws++;
            return delegate.nextInt(origin, bound);
        }

        @Override
        public long nextLong() {
            draws++;
            return delegate.nextLong();
        }

        @Override
        public long nextLong(long bound) {
            draws++;
            return delegate.nextLong(bound);
        }

        @Override
        public long nextLong(long origin, long bound) {
            draws++;
            return delegate.nextLong(origin, bound);
        }

        @Override
        public double nextGaussian() {
            draws++;
            return delegate.nextGaussian();
        }

        @Override
        public double nextGaussian(double mean, double stddev) {
            draws++;
            return delegate.nextGaussian(mean, stddev);
        }

        @Override
        public double nextExponential() {
            draws++;
            return delegate.nextExponential();
        }
    }
}
