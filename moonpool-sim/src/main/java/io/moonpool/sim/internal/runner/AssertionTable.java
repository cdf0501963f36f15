package io.moonpool.sim.internal.runner;

import io.moonpool.api.spi.AssertionSink.Kind;
import io.moonpool.sim.AssertionResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The assertions of one simulation across its iterations, in the order first seen (which the seeds fix).
 * Only the task that runs now touches it: no locks. A site already seen costs two map lookups.
 */
public final class AssertionTable {

    private long iterations;

    /** The counts of one assertion. */
    static final class Entry {
        final Kind kind;
        final String message;
        String callSite = "";
        long checks;
        long trues;
        final List<Long> seedsViolated = new ArrayList<>();
        double best = Double.NaN;
        Map<String, Long> buckets;
        // the iteration that last saw it hold, so that the first time per iteration goes into the timeline
        long satisfiedInIteration = -1;

        Entry(Kind kind, String message) {
            this.kind = kind;
            this.message = message;
        }

        /** Whether this one needs coverage and has none yet (the rule of {@link AssertionResult#satisfied()}). */
        boolean uncovered() {
            return kind.needsCoverage()
                    && (kind == Kind.SOMETIMES_EACH ? buckets == null || buckets.isEmpty() : trues == 0);
        }

        AssertionResult result() {
            return new AssertionResult(
                    kind,
                    message,
                    callSite,
                    checks,
                    trues,
                    seedsViolated,
                    Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best),
                    buckets == null ? Map.of() : buckets);
        }
    }

    private final Map<Kind, HashMap<String, Entry>> byKind = new EnumMap<>(Kind.class);
    private final Map<String, Entry> expected = new LinkedHashMap<>();
    private final List<Entry> order = new ArrayList<>();

    /**
     * A table that knows of the expected assertions before any runs.
     *
     * @param expectedMessages assertions declared with {@code expect(...)}: never seen is a coverage failure
     */
    public AssertionTable(List<String> expectedMessages) {
        for (String m : expectedMessages) {
            expected.put(m, null);
        }
    }

    /**
     * A number for the next iteration, unique in this simulation.
     *
     * @return 0, 1, 2, ...
     */
    long nextIteration() {
        return iterations++;
    }

    /** The entry of an assertion, made (with its call site) the first time it is seen. */
    Entry entry(Kind kind, String message) {
        HashMap<String, Entry> entries = byKind.computeIfAbsent(kind, k -> new HashMap<>());
        Entry e = entries.get(message);
        if (e == null) {
            e = new Entry(kind, message);
            e.callSite = AssertionsOfIteration.callSite();
            entries.put(message, e);
            order.add(e);
            if (expected.containsKey(message)) {
                expected.put(message, e);
            }
        }
        return e;
    }

    /**
     * The shape of the table: assertion sites seen plus {@code sometimesEach} buckets. It grows exactly when a
     * new site or a new bucket appears, which a coverage-driven run watches for its plateau. Counted on demand,
     * in time linear in the sites: a coverage-driven run asks once per iteration, never per assertion call.
     *
     * @return the number of sites and buckets seen so far
     */
    public long shape() {
        long n = order.size();
        for (Entry e : order) {
            if (e.buckets != null) {
                n += e.buckets.size();
            }
        }
        return n;
    }

    /**
     * Whether nothing would be a coverage failure if the simulation ended now: every {@code sometimes}-like
     * assertion seen was satisfied, and every assertion declared with {@code expect(...)} has been seen.
     *
     * @return true when coverage is met so far
     */
    public boolean allSatisfied() {
        for (Entry e : order) {
            if (e.uncovered()) {
                return false;
            }
        }
        return !expected.containsValue(null);
    }

    /**
     * How many assertion sites were seen so far, and the expected ones not yet seen, for a progress line.
     *
     * @return the count
     */
    public int sitesSeen() {
        return order.size()
                + (int) expected.values().stream().filter(e -> e == null).count();
    }

    /**
     * How many of {@link #sitesSeen()} would be coverage failures if the run ended now.
     *
     * @return the count
     */
    public int sitesUncovered() {
        int n = (int) expected.values().stream().filter(e -> e == null).count();
        for (Entry e : order) {
            if (e.uncovered()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Every assertion seen, in the order first seen, then the expected ones whose code never ran.
     *
     * @return the results
     */
    public List<AssertionResult> results() {
        List<AssertionResult> all = new ArrayList<>();
        for (Entry e : order) {
            all.add(e.result());
        }
        expected.forEach((message, e) -> {
            if (e == null) {
                all.add(new AssertionResult(
                        Kind.REACHABLE, message, "", 0, 0, List.of(), OptionalDouble.empty(), new TreeMap<>()));
            }
        });
        return all;
    }
}
