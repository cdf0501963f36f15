package io.moonpool.api;

/**
 * Numbers a workload or a process measures about itself (a latency in simulated milliseconds, a batch size, a
 * queue depth), summarised as percentiles in the simulation's report.
 *
 * <pre>{@code
 * Instant start = ctx.time().now();
 * client.put(key, value);
 * ctx.metrics().record("put.latency.ms", Duration.between(start, ctx.time().now()).toMillis());
 * }</pre>
 *
 * <p><b>Simulation semantics.</b> Each name has one histogram for the whole simulation: values recorded in every
 * iteration go into it, so the report shows their distribution over all seeds, not per seed. Recording
 * changes nothing the simulation decides (it draws no randomness, costs no simulated time and is not part of
 * the trace hash), and the values come from simulated code, so the same seeds give the same histograms. Two
 * simulations, also at the same time on two threads, keep their metrics apart. Histograms keep three
 * significant digits: a percentile is exact for values below 2048 and within 0.1% above. The report lists
 * the names in sorted order with each one's count, minimum, 50th, 90th and 99th percentile and maximum.
 *
 * <p><b>Cost.</b> Recording a value under a name already seen allocates nothing (the histogram grows, rarely,
 * when a value is larger than any before it), so it may be called on hot paths.
 *
 * <p><b>Outside a simulation</b> a runtime may implement this as a no-op, such as {@link #noop()}.
 */
public interface Metrics {

    /**
     * Records one value of a metric.
     *
     * @param name  the metric's name, not blank; names are compared exactly and reported in sorted order
     * @param value the value, zero or more (a histogram cannot hold negative values: record a difference as
     *              its absolute value, or shift it)
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or {@code value} is negative
     * @throws IllegalStateException    in a simulation, if called from a thread the simulation does not run
     *                                  (a context kept beyond its iteration)
     */
    void record(String name, long value);

    /**
     * Metrics that record nothing, for code run outside a simulation.
     *
     * @return a no-op instance that still rejects a null name
     */
    static Metrics noop() {
        return NoopMetrics.INSTANCE;
    }
}

/** The no-op {@link Metrics}: checks its name, as the simulated one does, and keeps nothing. */
enum NoopMetrics implements Metrics {
    INSTANCE;

    @Override
    public void record(String name, long value) {
        java.util.Objects.requireNonNull(name, "name");
    }
}
