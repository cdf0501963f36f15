package io.moonpool.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a simulation: one {@link RunResult} per iteration, and a printable summary.
 *
 * <p>{@link #toString()} is the report meant for people: the base seed, pass and fail counts, wall time and
 * events per iteration as percentiles, and for every failing seed its failure and the builder call that
 * replays it. {@link #toJson()} gives the same data as JSON, for CI tools.
 */
public final class SimulationReport {

    private static final String NL = System.lineSeparator();

    private final long baseSeed;
    private final boolean explicitSeeds;
    private final List<RunResult> runs;
    private final long wallNanos;
    private final List<AssertionResult> assertions;
    private final boolean requireCoverage;
    private final List<BuggifySite> buggifySites;
    private final List<SwarmOperation> swarmOperations;
    private final int timelineShown;
    private final StopReason stopReason;
    private final List<MetricSummary> metrics;
    private final List<Reproduction> reproductions;
    private final List<Divergence> divergences;
    private final io.moonpool.sim.internal.runner.RunLedger ledger;

    SimulationReport(
            long baseSeed,
            boolean explicitSeeds,
            List<RunResult> runs,
            long wallNanos,
            List<AssertionResult> assertions,
            boolean requireCoverage,
            List<BuggifySite> buggifySites,
            List<SwarmOperation> swarmOperations,
            int timelineShown,
            StopReason stopReason,
            List<MetricSummary> metrics,
            List<Reproduction> reproductions,
            List<Divergence> divergences,
            io.moonpool.sim.internal.runner.RunLedger ledger) {
        this.ledger = java.util.Objects.requireNonNull(ledger, "ledger");
        this.reproductions = List.copyOf(reproductions);
        this.divergences = List.copyOf(divergences);
        this.timelineShown = timelineShown;
        this.baseSeed = baseSeed;
        this.explicitSeeds = explicitSeeds;
        this.runs = List.copyOf(runs);
        this.wallNanos = wallNanos;
        this.assertions = List.copyOf(assertions);
        this.requireCoverage = requireCoverage;
        this.buggifySites = List.copyOf(buggifySites);
        this.swarmOperations = List.copyOf(swarmOperations);
        this.stopReason = java.util.Objects.requireNonNull(stopReason, "stopReason");
        this.metrics = List.copyOf(metrics);
    }

    /** What the JSON carries so that the reports of shards can be merged. */
    io.moonpool.sim.internal.runner.RunLedger ledger() {
        return ledger;
    }

    /**
     * The condition that stopped the run: every iteration asked for ran, the time limit, or, for
     * {@code untilCoverage(max)}, the coverage plateau or the cap. Stopping is never a verdict by itself:
     * an assertion still unsatisfied when the run stopped is in {@link #coverageFailures()}.
     *
     * @return why no further iteration started
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Every metric recorded with {@code ctx.metrics().record(name, value)}, over all the iterations.
     *
     * @return an unmodifiable list, by name in sorted order
     */
    public List<MetricSummary> metrics() {
        return metrics;
    }

    /**
     * The report's data as JSON, for CI tools: what {@link #toString()} prints and more (every iteration's
     * seed, times, events, trace hash and reboots), in the format that {@link #jsonSchema()} describes, with
     * {@code "schemaVersion": 1}. Keys come in a fixed order and lines end with {@code \n}, so the same report
     * gives the same text; only the wall times differ between two runs of the same seeds.
     *
     * <p>Seeds and trace hashes are 64-bit integers: a reader in JavaScript should parse them as {@code BigInt}
     * (each failure's {@code replay} carries its seed as text too).
     *
     * @return the JSON document, ending with a line break
     */
    public String toJson() {
        return ReportJson.write(this, explicitSeeds, wallNanos, requireCoverage);
    }

    /**
     * The JSON Schema (draft 2020-12) of {@link #toJson()}, the file {@code io/moonpool/sim/report-schema.json}
     * of this module.
     *
     * @return the schema's text
     * @throws java.io.UncheckedIOException if the module's resource cannot be read (a broken jar)
     */
    public static String jsonSchema() {
        try (java.io.InputStream in = SimulationReport.class.getResourceAsStream("report-schema.json")) {
            if (in == null) {
                throw new java.io.UncheckedIOException(
                        new java.io.IOException("report-schema.json is missing from the io.moonpool.sim module's jar"));
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Every operation switched with {@code Swarm.enabled(...)}, with the seeds in which it was on.
     *
     * @return an unmodifiable list, in the order first seen
     */
    public List<SwarmOperation> swarmOperations() {
        return swarmOperations;
    }

    /**
     * Every buggify site whose code ran, with the seeds where it was active and the times it fired.
     *
     * @return an unmodifiable list, in the order first seen
     */
    public List<BuggifySite> buggifySites() {
        return buggifySites;
    }

    /**
     * Whether every iteration passed and, unless coverage is not required, every {@code sometimes}-like
     * assertion was satisfied at least once.
     *
     * @return true if no iteration failed and coverage is met (or not required)
     */
    public boolean passed() {
        for (RunResult r : runs) {
            if (!r.passed()) {
                return false;
            }
        }
        return !requireCoverage || coverageFailures().isEmpty();
    }

    /**
     * Every assertion checked in any iteration, in the order first seen, then those declared with
     * {@code expect(...)} whose code never ran.
     *
     * @return an unmodifiable list
     */
    public List<AssertionResult> assertions() {
        return assertions;
    }

    /**
     * The {@code sometimes}-like assertions never satisfied across the simulation (and expected ones never
     * reached): coverage failures, reported apart from the seeds' failures.
     *
     * @return an unmodifiable list, empty when coverage is met
     */
    public List<AssertionResult> coverageFailures() {
        return assertions.stream()
                .filter(a -> a.kind().needsCoverage() && !a.satisfied())
                .toList();
    }

    /**
     * Every iteration, in the order run.
     *
     * @return an unmodifiable list
     */
    public List<RunResult> runs() {
        return runs;
    }

    /**
     * The seeds of the iterations that failed, in the order run.
     *
     * @return an unmodifiable list
     */
    public List<Long> failedSeeds() {
        List<Long> failed = new ArrayList<>();
        for (RunResult r : runs) {
            if (!r.passed()) {
                failed.add(r.seed());
            }
        }
        return List.copyOf(failed);
    }

    /**
     * The base seed the iteration seeds were derived from (the first seed when seeds were given).
     *
     * @return the base seed
     */
    public long baseSeed() {
        return baseSeed;
    }

    /**
     * Fails if any iteration failed.
     *
     * @throws AssertionError naming every failing seed, its failure, and how to replay it; the first
     *                        failure's exception, if any, is the cause
     */
    public void assertPassed() {
        if (passed()) {
            return;
        }
        AssertionError error = new AssertionError(failures());
        for (RunResult r : runs) {
            if (r.failure().isPresent() && r.failure().get().exception().isPresent()) {
                error.initCause(r.failure().get().exception().get());
                break;
            }
        }
        throw error;
    }

    /**
     * The code that replays one seed.
     *
     * @param seed the iteration seed
     * @return a builder call to append to the simulation's configuration
     */
    public static String replayCall(long seed) {
        return ".seeds(" + seed + "L)";
    }

    /**
     * The one line that replays one seed, both ways: the system property, which needs no code change, and the
     * builder call; for example {@code -Dmoonpool.seed=42 / .seeds(42L)}. Either runs exactly that seed, whatever
     * else the simulation configures.
     *
     * @param seed the iteration seed
     * @return the line
     */
    public static String replayLine(long seed) {
        return "-D" + SimulationBuilder.SEED_PROPERTY + "=" + seed + " / " + replayCall(seed);
    }

    private String failures() {
        StringBuilder sb = new StringBuilder(seedFailures());
        List<AssertionResult> uncovered = coverageFailures();
        if (!uncovered.isEmpty()) {
            sb.append(NL)
                    .append(uncovered.size())
                    .append(" assertion(s) never satisfied in any iteration (coverage")
                    .append(requireCoverage ? "" : ", a warning: requireCoverage(false)")
                    .append(")")
                    .append(
                            stopReason == StopReason.MAX_ITERATIONS
                                    ? ", after untilCoverage's cap of " + runs.size() + " iteration(s)"
                                    : stopReason == StopReason.TIME_LIMIT
                                            ? ", when the time limit stopped the run"
                                            : "")
                    .append(":");
            for (AssertionResult a : uncovered) {
                sb.append(NL)
                        .append("  ")
                        .append(a.kind())
                        .append(" '")
                        .append(a.message())
                        .append("'")
                        .append(a.callSite().isEmpty() ? " (expected, its code never ran)" : " at " + a.callSite())
                        .append(", checked ")
                        .append(a.checks())
                        .append(" time(s)");
            }
        }
        return sb.toString();
    }

    private String seedFailures() {
        List<Long> failed = failedSeeds();
        if (failed.isEmpty()) {
            return "no iteration failed";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(failed.size()).append(" of ").append(runs.size()).append(" iteration(s) failed");
        if (!explicitSeeds) {
            sb.append(" (base seed ").append(baseSeed).append(')');
        }
        sb.append(':');
        for (RunResult r : runs) {
            if (r.passed()) {
                continue;
            }
            RunFailure f = r.failure().orElseThrow();
            sb.append(NL)
                    .append("  seed ")
                    .append(r.seed())
                    .append(" at simulated ")
                    .append(f.simTime())
                    .append(": ")
                    .append(f.kind())
                    .append(" in ")
                    .append(f.phase().name().toLowerCase(Locale.ROOT))
                    .append(" (")
                    .append(f.source())
                    .append(")");
            reproduction(r.seed())
                    .ifPresent(v -> sb.append(NL)
                            .append("    ")
                            .append(
                                    v.status() == Reproduction.Status.REPRODUCED
                                            ? "REPRODUCED by a re-run in this JVM"
                                            : "NOT REPRODUCIBLE: " + v.divergence()));
            sb.append(NL).append("    replay: ").append(replayLine(r.seed()));
            for (String line : f.message().split("\\R")) {
                sb.append(NL).append("    ").append(line);
            }
            if (!f.stackTrace().isEmpty()) {
                for (String line : f.stackTrace().split("\\R")) {
                    sb.append(NL).append("    ").append(line);
                }
            }
            appendTimeline(sb, r);
        }
        return sb.toString();
    }

    /** The last entries of a failing seed's timeline, up to and including the entry that marks its failure. */
    private void appendTimeline(StringBuilder sb, RunResult r) {
        List<TimelineEntry> entries = r.timeline();
        List<TimelineEntry> shown = timelineExcerpt(r);
        if (shown.isEmpty()) {
            return;
        }
        int end = io.moonpool.sim.internal.runner.TimelineExcerpt.failureEnd(entries);
        int start = end - shown.size();
        // user logging is what a reader looks for first: its last lines, even those the excerpt leaves out
        List<TimelineEntry> logs = new java.util.ArrayList<>();
        for (int i = start - 1; i >= 0 && logs.size() < timelineShown; i--) {
            if (entries.get(i).what().startsWith("log ")) {
                logs.addFirst(entries.get(i));
            }
        }
        if (!logs.isEmpty()) {
            sb.append(NL)
                    .append("    log lines before the timeline below (")
                    .append(logs.size())
                    .append("):");
            for (TimelineEntry e : logs) {
                sb.append(NL).append("      ").append(e);
            }
        }
        sb.append(NL)
                .append("    timeline, the last ")
                .append(end - start)
                .append(" entries up to the failure (report.timeline(")
                .append(r.seed())
                .append("L) has all ")
                .append(entries.size())
                .append(" kept; .traceAll() keeps every entry):");
        for (int i = start; i < end; i++) {
            sb.append(NL).append("      ").append(entries.get(i));
        }
        if (end < entries.size()) {
            sb.append(NL).append("      ... ").append(entries.size() - end).append(" more after the failure");
        }
    }

    /** The entries the report shows of a seed: the last {@code timelineShown(n)} up to its failure. */
    List<TimelineEntry> timelineExcerpt(RunResult r) {
        return io.moonpool.sim.internal.runner.TimelineExcerpt.of(r.timeline(), timelineShown);
    }

    /**
     * What the re-run of each failing seed showed (see {@link SimulationBuilder#verifyFailures(boolean)}).
     *
     * @return one per failing seed, in the order they ran; empty with {@code verifyFailures(false)}
     */
    public List<Reproduction> reproductions() {
        return reproductions;
    }

    /**
     * What the re-run of one failing seed showed.
     *
     * @param seed a seed of this run
     * @return its reproduction, or empty for a passing seed or with {@code verifyFailures(false)}
     */
    public java.util.Optional<Reproduction> reproduction(long seed) {
        return reproductions.stream().filter(r -> r.seed() == seed).findFirst();
    }

    /**
     * Under {@link SimulationBuilder#checkDeterminism()}, where the two runs of each seed that is not
     * deterministic first differ, in the order the seeds ran; each such seed fails with
     * {@link io.moonpool.api.FailureKind#NONDETERMINISM}, the divergence its message.
     *
     * @return the divergences; empty without the check, or when every seed ran the same twice
     */
    public List<Divergence> divergences() {
        return divergences;
    }

    /**
     * The divergence of one seed under {@link SimulationBuilder#checkDeterminism()}.
     *
     * @param seed the seed
     * @return where its runs first differ, or empty when they did not (or the check did not run)
     */
    public java.util.Optional<Divergence> divergence(long seed) {
        return divergences.stream().filter(d -> d.seed() == seed).findFirst();
    }

    /**
     * The faults the resource plugins injected (clogs, partitions, resets, bit flips, torn writes, ...), counted
     * by kind over all iterations; reboots are counted apart, in each {@link RunResult}.
     *
     * @return the counts by kind, sorted
     */
    public java.util.Map<String, Long> faults() {
        java.util.Map<String, Long> all = new java.util.TreeMap<>();
        for (RunResult r : runs) {
            r.faults().forEach((kind, n) -> all.merge(kind, n, Long::sum));
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * The timeline of one seed of this run: the entries its ring kept (see
     * {@link SimulationBuilder#timeline(int)}), oldest first, for a failing seed, or for every seed under
     * {@link SimulationBuilder#traceAll()}. Only the first 10 seeds of a run that keep a timeline keep all of it;
     * later ones keep the entries the report prints, up to the failure (replay such a seed for the rest).
     *
     * @param seed a seed of this run
     * @return the entries; empty for a passing seed without traceAll, or with the timeline off
     * @throws IllegalArgumentException if {@code seed} was not run; the message lists the failing seeds
     */
    public List<TimelineEntry> timeline(long seed) {
        for (RunResult r : runs) {
            if (r.seed() == seed) {
                return r.timeline();
            }
        }
        throw new IllegalArgumentException(
                "seed " + seed + " was not run in this simulation; its failing seeds are " + failedSeeds());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Moonpool simulation report").append(NL);
        if (explicitSeeds) {
            sb.append("  seeds:       given explicitly").append(NL);
        } else {
            sb.append("  base seed:   ")
                    .append(baseSeed)
                    .append("  (rerun all: .baseSeed(")
                    .append(baseSeed)
                    .append("L))")
                    .append(NL);
        }
        int failed = failedSeeds().size();
        sb.append("  iterations:  ")
                .append(runs.size())
                .append(" run, ")
                .append(runs.size() - failed)
                .append(" passed, ")
                .append(failed)
                .append(" failed")
                .append(NL);
        sb.append("  stopped:     ")
                .append(stopReason)
                .append(" (")
                .append(describe(stopReason))
                .append(')')
                .append(NL);
        sb.append("  wall time:   ")
                .append(String.format(Locale.ROOT, "%.3f s", wallNanos / 1e9))
                .append(NL);
        if (!runs.isEmpty()) {
            long[] wall = new long[runs.size()];
            long[] events = new long[runs.size()];
            long[] sim = new long[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                wall[i] = Math.max(0, r.wallTime().toNanos() / 1_000);
                events[i] = Math.max(0, r.events());
                sim[i] = Math.max(0, r.simTime().toMillis());
            }
            sb.append(percentiles("  wall time per iteration (us)", wall)).append(NL);
            sb.append(percentiles("  events per iteration        ", events)).append(NL);
            sb.append(percentiles("  simulated time (ms)         ", sim)).append(NL);
        }
        java.util.Map<String, java.util.Map<io.moonpool.api.fault.RebootKind, Integer>> byInjector =
                new java.util.TreeMap<>();
        for (RunResult r : runs) {
            r.rebootsByInjector()
                    .forEach((injector, counts) -> counts.forEach((kind, n) -> byInjector
                            .computeIfAbsent(
                                    injector, k -> new java.util.EnumMap<>(io.moonpool.api.fault.RebootKind.class))
                            .merge(kind, n, Integer::sum)));
        }
        if (!byInjector.isEmpty()) {
            sb.append("  reboots (all iterations):").append(NL);
            byInjector.forEach((injector, counts) -> sb.append("    ")
                    .append(injector)
                    .append(": ")
                    .append(counts)
                    .append(NL));
        }
        java.util.Map<String, Long> faults = faults();
        if (!faults.isEmpty()) {
            sb.append("  injected faults (all iterations): ").append(faults).append(NL);
        }
        long exits = 0;
        for (RunResult r : runs) {
            exits += r.lifecycle().stream()
                    .filter(e -> e.kind() == LifecycleEntry.Kind.EXITED)
                    .count();
        }
        if (exits > 0) {
            sb.append("  processes EXITED (returned from run on their own, down for the rest of their iteration): ")
                    .append(exits)
                    .append(NL);
        }
        if (!assertions.isEmpty()) {
            sb.append("  assertions (kind, message, call site, checked, held, seeds violated, best, buckets):")
                    .append(NL);
            for (AssertionResult a : assertions) {
                sb.append("    ")
                        .append(a.satisfied() ? "ok   " : "FAIL ")
                        .append(a.kind())
                        .append(" '")
                        .append(a.message())
                        .append("' ")
                        .append(a.callSite().isEmpty() ? "(never ran)" : a.callSite())
                        .append(", checked ")
                        .append(a.checks())
                        .append(", held ")
                        .append(a.trues());
                if (!a.seedsViolated().isEmpty()) {
                    sb.append(", violated in seeds ").append(a.seedsViolated());
                }
                a.best().ifPresent(b -> sb.append(", best ").append(b));
                if (!a.buckets().isEmpty()) {
                    sb.append(", buckets ").append(a.buckets());
                }
                sb.append(NL);
            }
        }
        if (!buggifySites.isEmpty()) {
            sb.append("  buggify sites (seeds active, calls, fired):").append(NL);
            for (BuggifySite b : buggifySites) {
                sb.append("    '")
                        .append(b.site())
                        .append("': active in ")
                        .append(b.seedsActive().size())
                        .append(" of ")
                        .append(runs.size())
                        .append(" seed(s), ")
                        .append(b.calls())
                        .append(" call(s), ")
                        .append(b.fired())
                        .append(" fired")
                        .append(NL);
            }
        }
        if (!swarmOperations.isEmpty()) {
            sb.append("  swarm operations (seeds on / seeds that used them):").append(NL);
            for (SwarmOperation o : swarmOperations) {
                sb.append("    '")
                        .append(o.operation())
                        .append("': ")
                        .append(o.seedsOn())
                        .append(" / ")
                        .append(o.seeds())
                        .append(NL);
            }
        }
        if (!metrics.isEmpty()) {
            sb.append("  metrics (count, min, p50, p90, p99, max):").append(NL);
            for (MetricSummary m : metrics) {
                sb.append(String.format(
                                Locale.ROOT,
                                "    '%s': count %d, min %d, p50 %d, p90 %d, p99 %d, max %d",
                                m.name(),
                                m.count(),
                                m.min(),
                                m.p50(),
                                m.p90(),
                                m.p99(),
                                m.max()))
                        .append(NL);
            }
        }
        if (failed > 0 || !coverageFailures().isEmpty()) {
            sb.append(failures()).append(NL);
        }
        return sb.toString();
    }

    private static String describe(StopReason reason) {
        return switch (reason) {
            case ITERATIONS_DONE -> "every iteration asked for ran";
            case TIME_LIMIT -> "the time limit was spent";
            case COVERAGE_PLATEAU ->
                "every sometimes-like assertion satisfied, and no new assertion or bucket for plateau(n) seeds";
            case MAX_ITERATIONS -> "untilCoverage's cap, before the coverage plateau";
        };
    }

    private static String percentiles(String label, long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%s: p50 %d, p90 %d, p99 %d, max %d",
                label,
                atPercentile(sorted, 50),
                atPercentile(sorted, 90),
                atPercentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    // nearest rank, as HdrHistogram's getValueAtPercentile counts it, but exact: a report has few iterations,
    // so sorting them costs nothing and spares the published module a filename-based automatic module
    static long atPercentile(long[] sorted, double percentile) {
        long rank = Math.max(1, (long) (percentile / 100.0 * sorted.length + 0.5));
        return sorted[(int) Math.min(rank, sorted.length) - 1];
    }
}
