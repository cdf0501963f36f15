package io.moonpool.sim.internal.runner;

import io.moonpool.api.Metrics;
import io.moonpool.sim.MetricSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one simulation: one HdrHistogram per name, filled by every iteration. User code reaches it
 * through {@link #CURRENT}, bound for every task and event of the simulation's iterations, so that two
 * simulations on two threads keep theirs apart.
 *
 * <p>Only the simulation's own thread of control uses a table (one task runs at a time), so it needs no
 * locking. The lookup map is never iterated: {@link #results()} sorts the names.
 */
public final class MetricsTable {

    /** The table of the simulation the calling task or event belongs to. */
    static final ScopedValue<MetricsTable> CURRENT = ScopedValue.newInstance();

    /** Three significant digits: exact below 2048, within 0.1% above. */
    private static final int SIGNIFICANT_DIGITS = 3;

    /** What {@code SimContext.metrics()} returns inside a simulation: it records into the current table. */
    static final Metrics OF_CURRENT_SIMULATION = (name, value) -> {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("ctx.metrics().record(\"" + name + "\", " + value + ") was called from a"
                    + " thread the simulation does not run: record from the simulation's own tasks, and do not keep"
                    + " a SimContext beyond its iteration");
        }
        CURRENT.get().record(name, value);
    };

    private final Map<String, Histogram> byName = new HashMap<>();

    /** An empty table, for one simulation. */
    public MetricsTable() {}

    /**
     * Records a value; a name already seen allocates nothing (unless the value is past the histogram's range,
     * which then grows).
     *
     * @param name  the metric
     * @param value the value, at least zero
     */
    void record(String name, long value) {
        if (name == null) {
            throw new NullPointerException("ctx.metrics().record(name, value): name is null; give the metric a name,"
                    + " e.g. \"put.latency.ms\"");
        }
        if (value < 0) {
            throw new IllegalArgumentException("ctx.metrics().record(\"" + name + "\", " + value + "): the value is"
                    + " negative, and a histogram holds only values of zero or more; record its absolute value, or"
                    + " shift it by a fixed offset");
        }
        Histogram h = byName.get(name);
        if (h == null) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("ctx.metrics().record(name, value): name is blank (\"" + name
                        + "\"); give the metric a name, e.g. \"put.latency.ms\"");
            }
            h = new Histogram(SIGNIFICANT_DIGITS);
            byName.put(name, h);
        }
        h.recordValue(value);
    }

    /**
     * Every metric recorded so far, by name in sorted order.
     *
     * @return the summaries
     */
    public List<MetricSummary> results() {
        List<MetricSummary> out = new ArrayList<>();
        for (Map.Entry<String, Histogram> e : new TreeMap<>(byName).entrySet()) {
            Histogram h = e.getValue();
            out.add(new MetricSummary(
                    e.getKey(),
                    h.getTotalCount(),
                    h.getMinValue(),
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99),
                    h.getMaxValue()));
        }
        return List.copyOf(out);
    }
}
