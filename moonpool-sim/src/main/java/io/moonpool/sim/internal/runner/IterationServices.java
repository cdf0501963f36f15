package io.moonpool.sim.internal.runner;

import io.moonpool.api.config.DurationRange;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.Seeds;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The kernel services of one iteration, as one resource plugin sees them, with the iteration's topology for
 * {@link #locality}. Each plugin has configuration
 * streams of its own, salted with its id, so that one plugin's draws neither shift nor mirror another's.
 */
record IterationServices(
        Kernel kernel,
        long seed,
        String pluginId,
        RandomGenerator random,
        RandomGenerator configRandom,
        List<ResourceConfig> configs,
        BooleanSupplier chaos,
        io.moonpool.api.spi.TimelineSink timelineSink,
        java.util.Map<String, Long> faults,
        SimTopology topology)
        implements KernelServices {

    /**
     * The services of one plugin.
     *
     * @param pluginId the plugin's id, which salts its configuration streams
     */
    static IterationServices of(
            Kernel kernel,
            long seed,
            String pluginId,
            RandomGenerator random,
            List<ResourceConfig> configs,
            BooleanSupplier chaos,
            io.moonpool.api.spi.TimelineSink timeline,
            java.util.Map<String, Long> faults,
            SimTopology topology) {
        return new IterationServices(
                kernel,
                seed,
                pluginId,
                random,
                Seeds.stream(seed ^ salt(pluginId), Seeds.CONFIGURATION_STREAM),
                configs,
                chaos,
                timeline,
                faults,
                topology);
    }

    private static long salt(String pluginId) {
        return Seeds.splitMix(pluginId.hashCode()); // String.hashCode is fixed by the JLS: the same in every JVM
    }

    @Override
    public long now() {
        return kernel.now();
    }

    @Override
    public void schedule(long delayNanos, Runnable action) {
        kernel.schedule(delayNanos, action);
    }

    @Override
    public RandomGenerator configRandom(InetAddress ip) {
        long bits = 0;
        for (byte b : ip.getAddress()) {
            bits = bits << 8 | (b & 0xFF);
        }
        return Seeds.stream(seed ^ salt(pluginId) ^ Seeds.splitMix(bits), Seeds.CONFIGURATION_STREAM);
    }

    @Override
    public void park(Object blocker) {
        kernel.park(blocker);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        kernel.sleep(nanos);
    }

    @Override
    public <T extends ResourceConfig> Optional<T> config(Class<T> type) {
        for (ResourceConfig c : configs) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean strikes(double probability) {
        // the order of the tests is the guarantee: nothing is drawn unless the fault could strike
        return probability > 0 && chaos.getAsBoolean() && random.nextDouble() < probability;
    }

    @Override
    public long drawNanos(DurationRange range) {
        long lo = range.min().toNanos();
        long hi = range.max().toNanos();
        return hi <= lo ? lo : random.nextLong(lo, hi + 1);
    }

    @Override
    public boolean chaosActive() {
        return chaos.getAsBoolean();
    }

    @Override
    public void trace(long value) {
        kernel.trace(value);
    }

    @Override
    public void timeline(String what, Object subject, long value) {
        timelineSink.record(what, subject, value);
    }

    @Override
    public void fault(String kind, Object subject, long value) {
        timelineSink.record(kind, subject, value);
        faults.merge(kind, 1L, Long::sum);
    }

    @Override
    public Optional<io.moonpool.api.Locality> locality(InetAddress ip) {
        int i = ip == null ? -1 : topology.indexOf(ip);
        return i < 0 ? Optional.empty() : Optional.of(topology.localities().locality(i));
    }

    @Override
    public List<InetAddress> ipsIn(io.moonpool.api.FailureDomain domain, String id) {
        return topology.ipsIn(domain, id);
    }
}
