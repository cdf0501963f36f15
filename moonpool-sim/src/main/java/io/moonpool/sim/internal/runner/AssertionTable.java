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
    // the index, in the run's seed sequence, of the iteration running now
    private long current;

    /** The counts of one assertion. */
    static final class Entry {
        final Kind kind;
        final String message;
        String callSite = "";
        long checks;
        long trues;
        final List<Long> seedsViolated = new ArrayList<>();
        // the iteration index (in the run's seed sequence) of each seed in seedsViolated
        final List<Long> iterationsViolated = new ArrayList<>();
        // the iteration index in which it was first seen
        long firstIteration;
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

    /**
     * Tells the table which iteration of the run's seed sequence runs next, for the indexes a sharded or parallel
     * run's report needs in order to be merged.
     *
     * @param index the iteration's index in the seed sequence
     */
    public void at(long index) {
        this.current = index;
    }

    /** The index given to {@link #at(long)} last. */
    long current() {
        return current;
    }

    /** The entry of an assertion, made (with its call site) the first time it is seen. */
    Entry entry(Kind kind, String message) {
        Entry e = find(kind, message);
        if (e == null) {
            e = create(kind, message, AssertionsOfIteration.callSite(), current);
        }
        return e;
    }

    private Entry find(Kind kind, String message) {
        HashMap<String, Entry> entries = byKind.get(kind);
        return entries == null ? null : entries.get(message);
    }

    private Entry create(Kind kind, String message, String callSite, long firstIteration) {
        HashMap<String, Entry> entries = byKind.computeIfAbsent(kind, k -> new HashMap<>());
        Entry e = new Entry(kind, message);
        e.callSite = callSite;
        e.firstIteration = firstIteration;
        entries.put(message, e);
        order.add(e);
        if (expected.containsKey(message)) {
            expected.put(message, e);
        }
        return e;
    }

    /**
     * Adds what another table counted, as if its iterations had run on this table after this table's own: the
     * iterations of a parallel run come back one table per seed, and merged in seed order they give exactly
     * the table a sequential run fills.
     *
     * @param later a table whose iterations all come after this table's
     */
    public void merge(AssertionTable later) {
        for (Entry o : later.order) {
            Entry e = find(o.kind, o.message);
            if (e == null) {
                e = create(o.kind, o.message, o.callSite, o.firstIteration);
            }
            e.checks += o.checks;
            e.trues += o.trues;
            for (int i = 0; i < o.seedsViolated.size(); i++) {
                long seed = o.seedsViolated.get(i);
                // the rule of AssertionsOfIteration.violated: one entry per run of consecutive equal seeds
                if (e.seedsViolated.isEmpty() || e.seedsViolated.getLast() != seed) {
                    e.seedsViolated.add(seed);
                    e.iterationsViolated.add(o.iterationsViolated.get(i));
                }
            }
            if (!Double.isNaN(o.best)) {
                e.best = Double.isNaN(e.best)
                        ? o.best
                        : upward(o.kind) ? Math.max(e.best, o.best) : Math.min(e.best, o.best);
            }
            if (o.buckets != null) {
                if (e.buckets == null) {
                    e.buckets = new TreeMap<>();
                }
                Map<String, Long> buckets = e.buckets;
                o.buckets.forEach((k, v) -> buckets.merge(k, v, Long::sum));
            }
        }
    }

    /**
     * Whether a kind's best value is its largest (greater-than forms, and sometimesAll's conditions held).
     *
     * @param kind the kind
     * @return true when larger is better, false when smaller is
     */
    public static boolean upward(Kind kind) {
        return switch (kind) {
            case ALWAYS_GREATER_THAN,
                    SOMETIMES_GREATER_THAN,
                    ALWAYS_GREATER_THAN_OR_EQUAL,
                    SOMETIMES_GREATER_THAN_OR_EQUAL,
                    SOMETIMES_ALL -> true;
            default -> false;
        };
    }

    /**
     * Writes what this table counted (not the expected assertions, which every table of a run knows), for a
     * worker JVM to send it back.
     *
     * @param out the stream
     * @throws java.io.IOException if it cannot be written
     */
    public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(order.size());
        for (Entry e : order) {
            out.writeUTF(e.kind.name());
            WireText.write(out, e.message);
            WireText.write(out, e.callSite);
            out.writeLong(e.firstIteration);
            out.writeLong(e.checks);
            out.writeLong(e.trues);
            out.writeInt(e.seedsViolated.size());
            for (int i = 0; i < e.seedsViolated.size(); i++) {
                out.writeLong(e.seedsViolated.get(i));
                out.writeLong(e.iterationsViolated.get(i));
            }
            out.writeDouble(e.best);
            out.writeInt(e.buckets == null ? -1 : e.buckets.size());
            if (e.buckets != null) {
                for (Map.Entry<String, Long> b : e.buckets.entrySet()) {
                    WireText.write(out, b.getKey());
                    out.writeLong(b.getValue());
                }
            }
        }
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @param in       the stream
     * @param expected the run's expected assertions
     * @return the table
     * @throws java.io.IOException if it cannot be read
     */
    public static AssertionTable readFrom(java.io.DataInputStream in, List<String> expected)
            throws java.io.IOException {
        AssertionTable t = new AssertionTable(expected);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Kind kind = Kind.valueOf(in.readUTF());
            String message = WireText.read(in);
            String callSite = WireText.read(in);
            Entry e = t.create(kind, message, callSite, in.readLong());
            e.checks = in.readLong();
            e.trues = in.readLong();
            int violated = in.readInt();
            for (int v = 0; v < violated; v++) {
                e.seedsViolated.add(in.readLong());
                e.iterationsViolated.add(in.readLong());
            }
            e.best = in.readDouble();
            int buckets = in.readInt();
            if (buckets >= 0) {
                e.buckets = new TreeMap<>();
                for (int b = 0; b < buckets; b++) {
                    e.buckets.put(WireText.read(in), in.readLong());
                }
            }
        }
        return t;
    }

    /**
     * For each result of {@link #results()}, in the same order: the iteration it was first seen in, or -1 for an
     * expected assertion never seen.
     *
     * @return the indexes
     */
    public List<Long> firstIterations() {
        List<Long> all = new ArrayList<>();
        for (Entry e : order) {
            all.add(e.firstIteration);
        }
        expected.forEach((message, e) -> {
            if (e == null) {
                all.add(-1L);
            }
        });
        return all;
    }

    /**
     * For each result of {@link #results()}, in the same order: the iteration index of each of its
     * {@code seedsViolated}.
     *
     * @return the indexes
     */
    public List<List<Long>> violatedIterations() {
        List<List<Long>> all = new ArrayList<>();
        for (Entry e : order) {
            all.add(List.copyOf(e.iterationsViolated));
        }
        expected.forEach((message, e) -> {
            if (e == null) {
                all.add(List.of());
            }
        });
        return all;
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
