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
     * Adds the values another table recorded: the same histograms as if they had been recorded here.
     *
     * @param other a table, for example one seed's from a worker JVM
     */
    public void merge(MetricsTable other) {
        other.byName.forEach((name, h) -> byName.computeIfAbsent(name, n -> new Histogram(SIGNIFICANT_DIGITS))
                .add(h));
    }

    /**
     * Every histogram as the values of its non-empty buckets and their counts, by name in sorted order: what a
     * report carries so that the metrics of shards can be merged, and what a worker JVM sends back. Each
     * bucket's value is its highest equivalent value, so that recording it again fills the same bucket.
     *
     * @return for each name, {@code [value, count, value, count, ...]} in increasing value
     */
    public java.util.SortedMap<String, long[]> buckets() {
        java.util.SortedMap<String, long[]> all = new TreeMap<>();
        for (Map.Entry<String, Histogram> e : new TreeMap<>(byName).entrySet()) {
            List<Long> pairs = new ArrayList<>();
            for (org.HdrHistogram.HistogramIterationValue v : e.getValue().recordedValues()) {
                pairs.add(v.getValueIteratedTo());
                pairs.add(v.getCountAtValueIteratedTo());
            }
            all.put(e.getKey(), pairs.stream().mapToLong(Long::longValue).toArray());
        }
        return all;
    }

    /**
     * A table holding the buckets {@link #buckets()} gave.
     *
     * @param buckets for each name, {@code [value, count, ...]}
     * @return the table
     */
    public static MetricsTable ofBuckets(Map<String, long[]> buckets) {
        MetricsTable t = new MetricsTable();
        buckets.forEach((name, pairs) -> {
            Histogram h = new Histogram(SIGNIFICANT_DIGITS);
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                h.recordValueWithCount(pairs[i], pairs[i + 1]);
            }
            t.byName.put(name, h);
        });
        return t;
    }

    /**
     * A summary of a histogram given as buckets (see {@link #buckets()}).
     *
     * @param name  the metric
     * @param pairs {@code [value, count, ...]}
     * @return its summary, as {@link #results()} gives it
     */
    public static MetricSummary summaryOf(String name, long[] pairs) {
        return ofBuckets(Map.of(name, pairs)).results().getFirst();
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
