package io.moonpool.sim;

import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.AssertionSink;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.runner.AssertionTable;
import io.moonpool.sim.internal.runner.MetricsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the JSON reports of the shards of one run ({@code -Dmoonpool.shard=i/n}, each written to its
 * {@code reportFile(...)} or to {@code target/moonpool/report-shard-i-of-n.json}) into the report of the whole
 * run: the same JSON that one unsharded run of the same seeds writes, wall times aside (the merged
 * {@code wallTimeNanos} is the longest shard's). Every run, failure, assertion, buggify site, swarm operation,
 * reboot, fault and metric of the shards is in it, in seed order.
 *
 * <pre>{@code
 * java -cp moonpool-sim.jar:... io.moonpool.sim.MergeReports target/moonpool/report.json shard-0.json shard-1.json
 * }</pre>
 *
 * <p>It fails, naming the files, when the reports are not the shards of one run: another schema version, another
 * base seed, seed list, shard count or configuration (their seeds do not follow one sequence), a shard given twice
 * or one missing.
 */
public final class MergeReports {

    private MergeReports() {}

    /**
     * Merges shard reports into one file: {@code MergeReports out.json a.json b.json ...}. Prints where the
     * merged report went and its verdict; exits with status 2 on a usage error or a problem with the reports.
     *
     * @param args the output file, then every shard's report
     */
    public static void main(String... args) {
        if (args.length < 2) {
            System.err.println("usage: java -cp ... io.moonpool.sim.MergeReports <merged.json> <shard.json>...");
            System.exit(2);
            return;
        }
        List<Path> shards = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            shards.add(Path.of(args[i]));
        }
        try {
            String merged = merge(Path.of(args[0]), shards);
            Object passed = object(ReportJson.parse(merged), "merged").get("passed");
            System.out.println("moonpool: merged " + shards.size() + " shard report(s) into "
                    + Path.of(args[0]).toAbsolutePath() + " (passed: " + passed + ")");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("moonpool: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Reads shard reports, merges them and writes the merged report, creating missing parent directories.
     *
     * @param out    the merged report's file
     * @param shards every shard's report
     * @return the merged report's JSON
     * @throws IllegalArgumentException if the reports are not every shard of one run (the message names the files
     *                                  and the problem)
     * @throws UncheckedIOException     if a file cannot be read or written
     */
    public static String merge(Path out, List<Path> shards) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path p : shards) {
            try {
                texts.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the shard report " + p.toAbsolutePath() + ": " + e, e);
            }
        }
        String merged = mergeJson(texts);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, merged, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the merged report " + out.toAbsolutePath() + ": " + e, e);
        }
        return merged;
    }

    /**
     * Merges shard reports given as JSON text.
     *
     * @param reports each shard's {@link SimulationReport#toJson()}, by a name for messages (a file name)
     * @return the merged report's JSON
     * @throws IllegalArgumentException if they are not every shard of one run
     */
    public static String mergeJson(Map<String, String> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no shard report to merge: give every shard's report");
        }
        List<ShardReport> shards = new ArrayList<>();
        for (Map.Entry<String, String> e : reports.entrySet()) {
            Object parsed;
            try {
                parsed = ReportJson.parse(e.getValue());
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException(e.getKey() + " is not JSON: " + ex.getMessage(), ex);
            }
            shards.add(new ShardReport(e.getKey(), object(parsed, e.getKey())));
        }
        try {
            return ReportJson.writeTree(new Merge(shards).report());
        } catch (NullPointerException | ClassCastException e) {
            // a field missing deep inside a run, or of another type: a report edited by hand, or of another version
            throw new IllegalArgumentException(
                    "a shard report is not a Moonpool report of this version (a field is"
                            + " missing or of another type in one of " + reports.keySet() + "): give the files"
                            + " SimulationReport.toJson() wrote under -Dmoonpool.shard=i/n, unchanged (" + e + ")",
                    e);
        }
    }

    /** One shard's report, parsed. */
    private record ShardReport(String name, Map<String, Object> json) {
        Object get(String key) {
            if (!json.containsKey(key)) {
                throw new IllegalArgumentException(name + " has no '" + key + "': it is not a Moonpool report of this"
                        + " version (written by SimulationReport.toJson() with -Dmoonpool.shard=i/n)");
            }
            return json.get(key);
        }

        List<Map<String, Object>> objects(String key) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Object o : list(get(key), name + " " + key)) {
                all.add(object(o, name + " " + key));
            }
            return all;
        }
    }

    /** An entry of a shard's list, with where it stands: its iteration, then its place in its shard's list. */
    private record Placed(long iteration, int shard, int position, Map<String, Object> json) {}

    private static final Comparator<Placed> IN_SEED_ORDER = Comparator.comparingLong(Placed::iteration)
            .thenComparingInt(Placed::shard)
            .thenComparingInt(Placed::position);

    private static final class Merge {
        private final List<ShardReport> shards;
        private final ShardReport first;
        private final int count;
        private final boolean explicitSeeds;
        private final long baseSeed;

        Merge(List<ShardReport> shards) {
            this.shards = shards;
            this.first = shards.getFirst();
            for (ShardReport s : shards) {
                if (!Long.valueOf(ReportJson.SCHEMA_VERSION).equals(s.get("schemaVersion"))) {
                    throw new IllegalArgumentException(s.name() + " has schemaVersion " + s.get("schemaVersion")
                            + ", this MergeReports reads " + ReportJson.SCHEMA_VERSION + ": merge with the"
                            + " moonpool-sim version that wrote the reports");
                }
                if (s.get("shard") == null) {
                    throw new IllegalArgumentException(s.name() + " is the report of a whole run, not of a shard"
                            + " (its \"shard\" is null): merge the reports of the runs with -Dmoonpool.shard=i/n");
                }
            }
            this.count = (int) shardField(first, "count");
            this.explicitSeeds = (Boolean) first.get("explicitSeeds");
            this.baseSeed = (Long) first.get("baseSeed");
            sameRun();
        }

        private static long shardField(ShardReport s, String key) {
            Object v = object(s.get("shard"), s.name() + " shard").get(key);
            if (!(v instanceof Long n)) {
                throw new IllegalArgumentException(s.name() + " has no shard " + key);
            }
            return n;
        }

        /** Every report is a shard of the same run, each shard once, none missing. */
        private void sameRun() {
            for (String key : List.of("baseSeed", "explicitSeeds", "requireCoverage", "planned", "expected")) {
                for (ShardReport s : shards) {
                    if (!Objects.equals(first.get(key), s.get(key))) {
                        throw new IllegalArgumentException("the reports are shards of different runs: "
                                + first.name() + " has " + key + " " + first.get(key) + ", " + s.name() + " has "
                                + s.get(key) + "; merge the shards of one run (the same -Dmoonpool.seed or baseSeed,"
                                + " iterations and configuration)");
                    }
                }
            }
            Map<Long, String> byIndex = new TreeMap<>();
            for (ShardReport s : shards) {
                long n = shardField(s, "count");
                long i = shardField(s, "index");
                if (n != count) {
                    throw new IllegalArgumentException("the reports are shards of different runs: " + first.name()
                            + " is a shard of " + count + ", " + s.name() + " of " + n);
                }
                String twice = byIndex.put(i, s.name());
                if (twice != null) {
                    throw new IllegalArgumentException("shard " + i + "/" + count + " was given twice: " + twice
                            + " and " + s.name() + "; give each shard's report once");
                }
                for (Map<String, Object> run : s.objects("runs")) {
                    long iteration = (Long) run.get("iteration");
                    long seed = (Long) run.get("seed");
                    if (iteration % count != i) {
                        throw new IllegalArgumentException(s.name() + " ran iteration " + iteration + ", which is"
                                + " not in shard " + i + "/" + count);
                    }
                    if (!explicitSeeds && seed != Seeds.iterationSeed(baseSeed, iteration)) {
                        throw new IllegalArgumentException("the reports are shards of different runs: " + s.name()
                                + " ran seed " + seed + " as iteration " + iteration + ", which base seed " + baseSeed
                                + " does not give");
                    }
                }
            }
            List<Long> missing = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                if (!byIndex.containsKey(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("shard(s) " + missing + " of " + count + " are missing (given: "
                        + byIndex + "); give every shard's report");
            }
        }

        Map<String, Object> report() {
            List<Placed> runs = placed("runs", j -> (Long) j.get("iteration"));
            List<Placed> failures = new ArrayList<>();
            for (int s = 0; s < shards.size(); s++) {
                ShardReport shard = shards.get(s);
                List<Map<String, Object>> failed = shard.objects("failures");
                int f = 0;
                for (Map<String, Object> run : shard.objects("runs")) {
                    if (!(Boolean) run.get("passed")) {
                        if (f >= failed.size()) {
                            throw new IllegalArgumentException(shard.name() + " has fewer failures than failing runs");
                        }
                        failures.add(new Placed((Long) run.get("iteration"), s, f, failed.get(f++)));
                    }
                }
            }
            failures.sort(IN_SEED_ORDER);
            List<Map<String, Object>> assertions = assertions();
            List<Map<String, Object>> coverageFailures = new ArrayList<>();
            for (Map<String, Object> a : assertions) {
                AssertionSink.Kind kind = AssertionSink.Kind.valueOf((String) a.get("kind"));
                if (kind.needsCoverage() && !(Boolean) a.get("satisfied")) {
                    coverageFailures.add(a);
                }
            }
            long failed =
                    runs.stream().filter(r -> !(Boolean) r.json().get("passed")).count();
            boolean requireCoverage = (Boolean) first.get("requireCoverage");

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schemaVersion", (long) ReportJson.SCHEMA_VERSION);
            out.put("passed", failed == 0 && (!requireCoverage || coverageFailures.isEmpty()));
            out.put("baseSeed", baseSeed);
            out.put("explicitSeeds", explicitSeeds);
            out.put("requireCoverage", requireCoverage);
            out.put(
                    "wallTimeNanos",
                    shards.stream()
                            .mapToLong(s -> (Long) s.get("wallTimeNanos"))
                            .max()
                            .orElse(0));
            out.put("stopReason", stopReason());
            Map<String, Object> iterations = new LinkedHashMap<>();
            iterations.put("run", (long) runs.size());
            iterations.put("passed", runs.size() - failed);
            iterations.put("failed", failed);
            out.put("iterations", iterations);
            out.put("perIteration", perIteration(runs));
            out.put("failures", failures.stream().map(Placed::json).toList());
            out.put("coverageFailures", coverageFailures);
            out.put("assertions", assertions);
            out.put("buggifySites", buggifySites());
            out.put("swarmOperations", swarmOperations());
            out.put("reboots", reboots());
            out.put(
                    "processesExited",
                    shards.stream()
                            .mapToLong(s -> (Long) s.get("processesExited"))
                            .sum());
            out.put(
                    "faults",
                    sums(shards.stream()
                            .map(s -> object(s.get("faults"), s.name()))
                            .toList()));
            out.put("metrics", metrics());
            out.put("runs", runs.stream().map(Placed::json).toList());
            out.put("expected", first.get("expected"));
            out.put("planned", first.get("planned"));
            out.put("shard", null);
            return out;
        }

        private String stopReason() {
            TreeSet<String> reasons = new TreeSet<>();
            shards.forEach(s -> reasons.add((String) s.get("stopReason")));
            return reasons.size() == 1
                    ? reasons.first()
                    : reasons.contains(StopReason.TIME_LIMIT.name())
                            ? StopReason.TIME_LIMIT.name()
                            : String.join(",", reasons);
        }

        private List<Placed> placed(String key, java.util.function.ToLongFunction<Map<String, Object>> iteration) {
            List<Placed> all = new ArrayList<>();
            for (int s = 0; s < shards.size(); s++) {
                List<Map<String, Object>> entries = shards.get(s).objects(key);
                for (int p = 0; p < entries.size(); p++) {
                    all.add(new Placed(iteration.applyAsLong(entries.get(p)), s, p, entries.get(p)));
                }
            }
            all.sort(IN_SEED_ORDER);
            return all;
        }

        private static Map<String, Object> perIteration(List<Placed> runs) {
            long[] sim = new long[runs.size()];
            long[] events = new long[runs.size()];
            long[] wall = new long[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                Map<String, Object> r = runs.get(i).json();
                sim[i] = Math.max(
                        0,
                        java.time.Duration.ofNanos((Long) r.get("simulatedTimeNanos"))
                                .toMillis());
                events[i] = Math.max(0, (Long) r.get("events"));
                wall[i] = Math.max(0, (Long) r.get("wallTimeNanos") / 1_000);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("simulatedTimeMillis", percentiles(sim));
            out.put("events", percentiles(events));
            out.put("wallTimeMicros", percentiles(wall));
            return out;
        }

        private static Map<String, Object> percentiles(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int p : new int[] {50, 90, 99}) {
                out.put("p" + p, sorted.length == 0 ? 0L : SimulationReport.atPercentile(sorted, p));
            }
            out.put("max", sorted.length == 0 ? 0L : sorted[sorted.length - 1]);
            return out;
        }

        /** The assertions seen, merged by kind and message in the order first seen, then the expected never seen. */
        private List<Map<String, Object>> assertions() {
            Map<String, List<Placed>> byKey = new LinkedHashMap<>();
            for (Placed p :
                    placed("assertions", j -> j.get("firstIteration") == null ? -1 : (Long) j.get("firstIteration"))) {
                if (p.iteration() >= 0) {
                    byKey.computeIfAbsent(
                                    p.json().get("kind") + "\u0000" + p.json().get("message"), k -> new ArrayList<>())
                            .add(p);
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            java.util.Set<Object> seenMessages = new java.util.HashSet<>();
            for (List<Placed> parts : byKey.values()) {
                Map<String, Object> base = parts.getFirst().json();
                AssertionSink.Kind kind = AssertionSink.Kind.valueOf((String) base.get("kind"));
                seenMessages.add(base.get("message"));
                long checks = 0;
                long trues = 0;
                Double best = null;
                Map<String, Long> buckets = new TreeMap<>();
                List<long[]> violated = new ArrayList<>();
                for (Placed p : parts) {
                    Map<String, Object> j = p.json();
                    checks += (Long) j.get("checks");
                    trues += (Long) j.get("trues");
                    if (j.get("best") instanceof Number b) {
                        double v = b.doubleValue();
                        best = best == null ? v : AssertionTable.upward(kind) ? Math.max(best, v) : Math.min(best, v);
                    }
                    object(j.get("buckets"), "buckets").forEach((k, v) -> buckets.merge(k, (Long) v, Long::sum));
                    List<Object> seeds = list(j.get("seedsViolated"), "seedsViolated");
                    List<Object> its = list(j.get("iterationsViolated"), "iterationsViolated");
                    for (int i = 0; i < seeds.size(); i++) {
                        violated.add(new long[] {(Long) its.get(i), (Long) seeds.get(i)});
                    }
                }
                violated.sort(Comparator.comparingLong(v -> v[0]));
                List<Long> seedsViolated = new ArrayList<>();
                List<Long> iterationsViolated = new ArrayList<>();
                for (long[] v : violated) {
                    // AssertionsOfIteration's rule: one entry per run of consecutive equal seeds
                    if (seedsViolated.isEmpty() || seedsViolated.getLast() != v[1]) {
                        seedsViolated.add(v[1]);
                        iterationsViolated.add(v[0]);
                    }
                }
                boolean satisfied = kind.mustAlwaysHold()
                        ? seedsViolated.isEmpty()
                        : kind == AssertionSink.Kind.SOMETIMES_EACH ? !buckets.isEmpty() : trues > 0;
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("kind", base.get("kind"));
                a.put("message", base.get("message"));
                a.put("callSite", base.get("callSite"));
                a.put("checks", checks);
                a.put("trues", trues);
                a.put("falses", checks - trues);
                a.put("satisfied", satisfied);
                a.put("seedsViolated", seedsViolated);
                a.put("best", best != null && Double.isFinite(best) ? best : null);
                a.put("buckets", new LinkedHashMap<>(buckets));
                a.put("firstIteration", parts.getFirst().iteration());
                a.put("iterationsViolated", iterationsViolated);
                out.add(a);
            }
            for (Object m : list(first.get("expected"), "expected")) {
                if (seenMessages.add(m)) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("kind", AssertionSink.Kind.REACHABLE.name());
                    a.put("message", m);
                    a.put("callSite", null);
                    a.put("checks", 0L);
                    a.put("trues", 0L);
                    a.put("falses", 0L);
                    a.put("satisfied", false);
                    a.put("seedsViolated", List.of());
                    a.put("best", null);
                    a.put("buckets", new LinkedHashMap<>());
                    a.put("firstIteration", null);
                    a.put("iterationsViolated", List.of());
                    out.add(a);
                }
            }
            return out;
        }

        private List<Map<String, Object>> buggifySites() {
            Map<Object, List<Placed>> bySite = new LinkedHashMap<>();
            for (Placed p : placed("buggifySites", j -> (Long) j.get("firstIteration"))) {
                bySite.computeIfAbsent(p.json().get("site"), k -> new ArrayList<>())
                        .add(p);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Placed> parts : bySite.values()) {
                long calls = 0;
                long fired = 0;
                List<long[]> active = new ArrayList<>();
                for (Placed p : parts) {
                    calls += (Long) p.json().get("calls");
                    fired += (Long) p.json().get("fired");
                    List<Object> seeds = list(p.json().get("seedsActive"), "seedsActive");
                    List<Object> its = list(p.json().get("iterationsActive"), "iterationsActive");
                    for (int i = 0; i < seeds.size(); i++) {
                        active.add(new long[] {(Long) its.get(i), (Long) seeds.get(i)});
                    }
                }
                active.sort(Comparator.comparingLong(v -> v[0]));
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("site", parts.getFirst().json().get("site"));
                b.put("seedsActive", active.stream().map(v -> v[1]).toList());
                b.put("calls", calls);
                b.put("fired", fired);
                b.put("firstIteration", parts.getFirst().iteration());
                b.put("iterationsActive", active.stream().map(v -> v[0]).toList());
                out.add(b);
            }
            return out;
        }

        private List<Map<String, Object>> swarmOperations() {
            Map<Object, List<Placed>> byName = new LinkedHashMap<>();
            for (Placed p : placed("swarmOperations", j -> (Long) j.get("firstIteration"))) {
                byName.computeIfAbsent(p.json().get("operation"), k -> new ArrayList<>())
                        .add(p);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Placed> parts : byName.values()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("operation", parts.getFirst().json().get("operation"));
                o.put(
                        "seedsOn",
                        parts.stream()
                                .mapToLong(p -> (Long) p.json().get("seedsOn"))
                                .sum());
                o.put(
                        "seeds",
                        parts.stream()
                                .mapToLong(p -> (Long) p.json().get("seeds"))
                                .sum());
                o.put("firstIteration", parts.getFirst().iteration());
                out.add(o);
            }
            return out;
        }

        private Map<String, Object> reboots() {
            List<Map<String, Object>> byKind = new ArrayList<>();
            Map<String, List<Map<String, Object>>> byInjector = new TreeMap<>();
            for (ShardReport s : shards) {
                Map<String, Object> reboots = object(s.get("reboots"), s.name() + " reboots");
                byKind.add(object(reboots.get("byKind"), "byKind"));
                object(reboots.get("byInjector"), "byInjector")
                        .forEach((name, counts) -> byInjector
                                .computeIfAbsent(name, k -> new ArrayList<>())
                                .add(object(counts, name)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("byKind", rebootCounts(byKind));
            Map<String, Object> injectors = new LinkedHashMap<>();
            byInjector.forEach((name, counts) -> injectors.put(name, rebootCounts(counts)));
            out.put("byInjector", injectors);
            return out;
        }

        /** Counts by reboot kind, in the enum's order, as ReportJson writes them. */
        private static Map<String, Object> rebootCounts(List<Map<String, Object>> parts) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RebootKind kind : RebootKind.values()) {
                long n = 0;
                boolean any = false;
                for (Map<String, Object> p : parts) {
                    if (p.get(kind.name()) instanceof Long v) {
                        n += v;
                        any = true;
                    }
                }
                if (any) {
                    out.put(kind.name(), n);
                }
            }
            return out;
        }

        private static Map<String, Object> sums(List<Map<String, Object>> parts) {
            Map<String, Long> all = new TreeMap<>();
            parts.forEach(p -> p.forEach((k, v) -> all.merge(k, (Long) v, Long::sum)));
            return new LinkedHashMap<>(all);
        }

        private List<Map<String, Object>> metrics() {
            Map<String, TreeMap<Long, Long>> byName = new TreeMap<>();
            for (ShardReport s : shards) {
                for (Map<String, Object> m : s.objects("metrics")) {
                    TreeMap<Long, Long> buckets = byName.computeIfAbsent((String) m.get("name"), k -> new TreeMap<>());
                    for (Object pair : list(m.get("histogram"), "histogram")) {
                        List<Object> vc = list(pair, "histogram pair");
                        buckets.merge((Long) vc.get(0), (Long) vc.get(1), Long::sum);
                    }
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            byName.forEach((name, buckets) -> {
                long[] pairs = new long[buckets.size() * 2];
                int i = 0;
                for (Map.Entry<Long, Long> e : buckets.entrySet()) {
                    pairs[i++] = e.getKey();
                    pairs[i++] = e.getValue();
                }
                MetricSummary s = MetricsTable.summaryOf(name, pairs);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("count", s.count());
                m.put("min", s.min());
                m.put("p50", s.p50());
                m.put("p90", s.p90());
                m.put("p99", s.p99());
                m.put("max", s.max());
                List<Object> histogram = new ArrayList<>();
                buckets.forEach((v, c) -> histogram.add(List.of(v, c)));
                m.put("histogram", histogram);
                out.add(m);
            });
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object where a report has one");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(what + " is not a JSON array where a report has one");
        }
        return (List<Object>) value;
    }
}
