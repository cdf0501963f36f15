package io.moonpool.sim.internal.runner;

import java.util.List;
import java.util.SortedMap;

/**
 * What a report's JSON carries beyond its public values so that the reports of shards can be merged into the
 * report of the whole run ({@code io.moonpool.sim.MergeReports}): where each run, assertion, buggify site and
 * swarm operation stands in the seed sequence, the metrics' buckets, and which part of the run this is. Each
 * list follows the order of the report's list of the same values.
 *
 * @param runIterations      for each run, its index in the seed sequence
 * @param assertionFirst     for each assertion, the iteration it was first seen in (-1: expected, never seen)
 * @param assertionViolated  for each assertion, the iteration of each of its seeds violated
 * @param siteFirst          for each buggify site, the iteration it was first seen in
 * @param siteActive         for each buggify site, the iteration of each of its seeds active
 * @param operationFirst     for each swarm operation, the iteration it was first seen in
 * @param histograms         each metric's buckets, {@code [value, count, ...]} (see {@link MetricsTable#buckets()})
 * @param expected           the assertions declared with {@code expect(...)}, in order
 * @param shard              the part of the seed sequence this run ran, or null for all of it
 * @param planned            how many iterations the whole seed sequence has, or -1 when no count bounds it (a
 *                           time limit alone)
 */
public record RunLedger(
        List<Long> runIterations,
        List<Long> assertionFirst,
        List<List<Long>> assertionViolated,
        List<Long> siteFirst,
        List<List<Long>> siteActive,
        List<Long> operationFirst,
        SortedMap<String, long[]> histograms,
        List<String> expected,
        Shard shard,
        long planned) {

    /** Defensive copies. */
    public RunLedger {
        runIterations = List.copyOf(runIterations);
        assertionFirst = List.copyOf(assertionFirst);
        assertionViolated = List.copyOf(assertionViolated);
        siteFirst = List.copyOf(siteFirst);
        siteActive = List.copyOf(siteActive);
        operationFirst = List.copyOf(operationFirst);
        histograms = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(histograms));
        expected = List.copyOf(expected);
    }
}
