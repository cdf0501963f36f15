package io.moonpool.sim;

import io.moonpool.api.spi.AssertionSink;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One assertion of a simulation, over all its iterations: how often it was checked and with what outcome.
 *
 * @param kind          the kind ({@code always}, {@code sometimes}, ...)
 * @param message       its message, which identifies it together with its kind
 * @param callSite      where it was first checked ({@code Class.method(File.java:line)}), or empty when it was
 *                      declared with {@code expect(...)} and its code never ran
 * @param checks        how many times it was checked
 * @param trues         how many of those held (for {@code sometimesAll}: all conditions at once)
 * @param seedsViolated the seeds in which an {@code always}-like assertion was violated, in order
 * @param best          for numeric {@code sometimes} kinds, the value closest to satisfying it; for
 *                      {@code sometimesAll}, the most conditions that held at once
 * @param buckets       for {@code sometimesEach}: the count of each bucket, by key, in key order
 */
public record AssertionResult(
        AssertionSink.Kind kind,
        String message,
        String callSite,
        long checks,
        long trues,
        List<Long> seedsViolated,
        OptionalDouble best,
        Map<String, Long> buckets) {

    /** Defensive copies. */
    public AssertionResult {
        seedsViolated = List.copyOf(seedsViolated);
        buckets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(buckets));
    }

    /**
     * Whether this assertion did what it must: an {@code always}-like one was never violated, a
     * {@code sometimes}-like one held (or was reached) at least once.
     *
     * @return true when satisfied
     */
    public boolean satisfied() {
        return kind.mustAlwaysHold()
                ? seedsViolated.isEmpty()
                : kind == AssertionSink.Kind.SOMETIMES_EACH ? !buckets.isEmpty() : trues > 0;
    }
}
