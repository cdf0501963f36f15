package io.moonpool.sim;

import java.util.Objects;

/**
 * One metric recorded with {@code ctx.metrics().record(name, value)}, over all the iterations of a simulation:
 * how many values, and their distribution as percentiles.
 *
 * <p>The percentiles come from an HdrHistogram with three significant digits: exact for values below 2048,
 * within 0.1% above. A percentile is the smallest recorded value that at least that share of the values is at
 * or below (nearest rank).
 *
 * @param name  the metric's name
 * @param count how many values were recorded
 * @param min   the smallest value
 * @param p50   the median
 * @param p90   the 90th percentile
 * @param p99   the 99th percentile
 * @param max   the largest value
 */
public record MetricSummary(String name, long count, long min, long p50, long p90, long p99, long max) {

    /** Checks the name. */
    public MetricSummary {
        Objects.requireNonNull(name, "name");
    }
}
