package io.moonpool.sim;

import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.internal.runner.RunLedger;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * Writes a {@link SimulationReport} as the JSON that {@code report-schema.json} describes, with Jackson's
 * streaming generator. Keys come in a fixed order (the order written here; maps sorted by key, reboot kinds
 * in their enum order), and lines end with {@code \n} on every platform, so the same report gives the same
 * text.
 */
final class ReportJson {

    /** The version of the format; raised when a field is removed, renamed or changes meaning. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter);
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private ReportJson() {}

    /**
     * Parses a JSON document into maps (keys in document order), lists, strings, longs, doubles, booleans and
     * nulls.
     *
     * @param text the document
     * @return its value
     * @throws tools.jackson.core.JacksonException if it is not JSON
     * @throws IllegalArgumentException            if content follows the document, or a number is too big
     */
    static Object parse(String text) {
        try (tools.jackson.core.JsonParser p =
                FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(), text)) {
            Object value = value(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON document");
            }
            return value;
        }
    }

    private static Object value(tools.jackson.core.JsonParser p, tools.jackson.core.JsonToken token) {
        if (token == null) {
            throw new IllegalArgumentException("the document is empty");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (tools.jackson.core.JsonToken t = p.nextToken();
                        t != tools.jackson.core.JsonToken.END_OBJECT;
                        t = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new java.util.ArrayList<>();
                for (tools.jackson.core.JsonToken t = p.nextToken();
                        t != tools.jackson.core.JsonToken.END_ARRAY;
                        t = p.nextToken()) {
                    list.add(value(p, t));
                }
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == tools.jackson.core.JsonParser.NumberType.BIG_INTEGER) {
                    throw new IllegalArgumentException("the number " + p.getString() + " is beyond a long");
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected token " + token);
        };
    }

    /**
     * Writes a value {@link #parse} gives (or one built the same way) in the format of {@link #write}.
     *
     * @param value the document's value
     * @return the text, ending with a line break
     */
    static String writeTree(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(PRETTY, out)) {
            tree(g, value);
        }
        return out.append('\n').toString();
    }

    private static void tree(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeName((String) e.getKey());
                    tree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object o : list) {
                    tree(g, o);
                }
                g.writeEndArray();
            }
            case String text -> g.writeString(text);
            case Long n -> g.writeNumber(n);
            case Integer n -> g.writeNumber(n);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            default ->
                throw new IllegalArgumentException(
                        "not a JSON value: " + value.getClass().getName());
        }
    }

    static String write(SimulationReport report, boolean explicitSeeds, long wallNanos, boolean requireCoverage) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(PRETTY, out)) {
            List<RunResult> runs = report.runs();
            g.writeStartObject();
            g.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
            g.writeBooleanProperty("passed", report.passed());
            g.writeNumberProperty("baseSeed", report.baseSeed());
            g.writeBooleanProperty("explicitSeeds", explicitSeeds);
            g.writeBooleanProperty("requireCoverage", requireCoverage);
            g.writeNumberProperty("wallTimeNanos", wallNanos);
            g.writeStringProperty("stopReason", report.stopReason().name());

            int failed = report.failedSeeds().size();
            g.writeName("iterations");
            g.writeStartObject();
            g.writeNumberProperty("run", runs.size());
            g.writeNumberProperty("passed", runs.size() - failed);
            g.writeNumberProperty("failed", failed);
            g.writeEndObject();

            perIteration(g, runs);
            failures(g, report, runs);

            RunLedger ledger = report.ledger();
            List<AssertionResult> assertions = report.assertions();
            g.writeName("coverageFailures");
            g.writeStartArray();
            for (int i = 0; i < assertions.size(); i++) {
                AssertionResult a = assertions.get(i);
                // SimulationReport.coverageFailures(), with each one's place in the ledger
                if (a.kind().needsCoverage() && !a.satisfied()) {
                    assertion(g, a, ledger, i);
                }
            }
            g.writeEndArray();

            g.writeName("assertions");
            g.writeStartArray();
            for (int i = 0; i < assertions.size(); i++) {
                assertion(g, assertions.get(i), ledger, i);
            }
            g.writeEndArray();

            g.writeName("buggifySites");
            g.writeStartArray();
            for (int i = 0; i < report.buggifySites().size(); i++) {
                BuggifySite b = report.buggifySites().get(i);
                g.writeStartObject();
                g.writeStringProperty("site", b.site());
                g.writeName("seedsActive");
                seeds(g, b.seedsActive());
                g.writeNumberProperty("calls", b.calls());
                g.writeNumberProperty("fired", b.fired());
                g.writeNumberProperty("firstIteration", ledger.siteFirst().get(i));
                g.writeName("iterationsActive");
                seeds(g, ledger.siteActive().get(i));
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeName("swarmOperations");
            g.writeStartArray();
            for (int i = 0; i < report.swarmOperations().size(); i++) {
                SwarmOperation o = report.swarmOperations().get(i);
                g.writeStartObject();
                g.writeStringProperty("operation", o.operation());
                g.writeNumberProperty("seedsOn", o.seedsOn());
                g.writeNumberProperty("seeds", o.seeds());
                g.writeNumberProperty("firstIteration", ledger.operationFirst().get(i));
                g.writeEndObject();
            }
            g.writeEndArray();

            reboots(g, runs);
            faults(g, report);

            g.writeName("metrics");
            g.writeStartArray();
            for (MetricSummary m : report.metrics()) {
                g.writeStartObject();
                g.writeStringProperty("name", m.name());
                g.writeNumberProperty("count", m.count());
                g.writeNumberProperty("min", m.min());
                g.writeNumberProperty("p50", m.p50());
                g.writeNumberProperty("p90", m.p90());
                g.writeNumberProperty("p99", m.p99());
                g.writeNumberProperty("max", m.max());
                g.writeName("histogram");
                g.writeStartArray();
                long[] pairs = ledger.histograms().getOrDefault(m.name(), new long[0]);
                for (int p = 0; p + 1 < pairs.length; p += 2) {
                    g.writeStartArray();
                    g.writeNumber(pairs[p]);
                    g.writeNumber(pairs[p + 1]);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeName("runs");
            g.writeStartArray();
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                g.writeStartObject();
                g.writeNumberProperty("seed", r.seed());
                g.writeBooleanProperty("passed", r.passed());
                g.writeNumberProperty("simulatedTimeNanos", nanos(r.simTime()));
                g.writeNumberProperty("events", r.events());
                g.writeNumberProperty("traceHash", r.traceHash());
                g.writeNumberProperty("wallTimeNanos", nanos(r.wallTime()));
                g.writeName("reboots");
                rebootCounts(g, r.rebootCounts());
                g.writeNumberProperty("iteration", ledger.runIterations().get(i));
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeName("expected");
            g.writeStartArray();
            for (String m : ledger.expected()) {
                g.writeString(m);
            }
            g.writeEndArray();
            if (ledger.planned() < 0) {
                g.writeNullProperty("planned");
            } else {
                g.writeNumberProperty("planned", ledger.planned());
            }
            if (ledger.shard() == null) {
                g.writeNullProperty("shard");
            } else {
                g.writeName("shard");
                g.writeStartObject();
                g.writeNumberProperty("index", ledger.shard().index());
                g.writeNumberProperty("count", ledger.shard().count());
                g.writeEndObject();
            }

            g.writeEndObject();
        }
        return out.append('\n').toString();
    }

    /** Percentiles over the iterations, in the units of the text report. */
    private static void perIteration(JsonGenerator g, List<RunResult> runs) {
        long[] sim = new long[runs.size()];
        long[] events = new long[runs.size()];
        long[] wall = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            sim[i] = Math.max(0, r.simTime().toMillis());
            events[i] = Math.max(0, r.events());
            wall[i] = Math.max(0, r.wallTime().toNanos() / 1_000);
        }
        g.writeName("perIteration");
        g.writeStartObject();
        percentiles(g, "simulatedTimeMillis", sim);
        percentiles(g, "events", events);
        percentiles(g, "wallTimeMicros", wall);
        g.writeEndObject();
    }

    private static void percentiles(JsonGenerator g, String name, long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        g.writeName(name);
        g.writeStartObject();
        for (int p : new int[] {50, 90, 99}) {
            g.writeNumberProperty("p" + p, sorted.length == 0 ? 0 : SimulationReport.atPercentile(sorted, p));
        }
        g.writeNumberProperty("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        g.writeEndObject();
    }

    private static void failures(JsonGenerator g, SimulationReport report, List<RunResult> runs) {
        g.writeName("failures");
        g.writeStartArray();
        for (RunResult r : runs) {
            if (r.failure().isEmpty()) {
                continue;
            }
            RunFailure f = r.failure().get();
            g.writeStartObject();
            g.writeNumberProperty("seed", r.seed());
            g.writeStringProperty("kind", f.kind().name());
            g.writeStringProperty("phase", f.phase().name());
            g.writeStringProperty("source", f.source());
            g.writeStringProperty("message", f.message());
            g.writeNumberProperty("simulatedTimeNanos", nanos(f.simTime()));
            g.writeStringProperty("stackTrace", f.stackTrace());
            g.writeStringProperty("replay", SimulationReport.replayCall(r.seed()));
            java.util.Optional<Reproduction> reproduced = report.reproduction(r.seed());
            g.writeStringProperty(
                    "reproduction", reproduced.map(v -> v.status().name()).orElse("NOT_CHECKED"));
            g.writeStringProperty(
                    "divergence", reproduced.map(Reproduction::divergence).orElse(""));
            java.util.Optional<Divergence> nondeterminism = f.kind() == io.moonpool.api.FailureKind.NONDETERMINISM
                    ? report.divergence(r.seed())
                    : java.util.Optional.empty();
            if (nondeterminism.isPresent()) {
                nondeterminism(g, nondeterminism.get());
            }
            g.writeName("timeline");
            g.writeStartArray();
            for (TimelineEntry e : report.timelineExcerpt(r)) {
                g.writeStartObject();
                g.writeNumberProperty("timeNanos", nanos(e.time()));
                g.writeStringProperty("node", e.node());
                g.writeStringProperty("task", e.task());
                g.writeStringProperty("what", e.what());
                g.writeStringProperty("subject", e.subject());
                g.writeNumberProperty("value", e.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void nondeterminism(JsonGenerator g, Divergence d) {
        g.writeName("nondeterminism");
        g.writeStartObject();
        g.writeNumberProperty("index", d.index());
        g.writeStringProperty("summary", d.summary());
        g.writeName("runs");
        g.writeStartArray();
        for (Divergence.Run run : d.runs()) {
            g.writeStartObject();
            g.writeStringProperty("run", run.run());
            g.writeStringProperty("what", run.what());
            g.writeNumberProperty("simulatedTimeNanos", nanos(run.simTime()));
            g.writeStringProperty("task", run.task());
            g.writeStringProperty("node", run.node());
            g.writeName("stack");
            g.writeStartArray();
            for (String frame : run.stack()) {
                g.writeString(frame);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void assertion(JsonGenerator g, AssertionResult a, RunLedger ledger, int i) {
        g.writeStartObject();
        g.writeStringProperty("kind", a.kind().name());
        g.writeStringProperty("message", a.message());
        if (a.callSite().isEmpty()) {
            g.writeNullProperty("callSite");
        } else {
            g.writeStringProperty("callSite", a.callSite());
        }
        g.writeNumberProperty("checks", a.checks());
        g.writeNumberProperty("trues", a.trues());
        g.writeNumberProperty("falses", a.checks() - a.trues());
        g.writeBooleanProperty("satisfied", a.satisfied());
        g.writeName("seedsViolated");
        seeds(g, a.seedsViolated());
        if (a.best().isPresent() && Double.isFinite(a.best().getAsDouble())) {
            g.writeNumberProperty("best", a.best().getAsDouble());
        } else {
            g.writeNullProperty("best");
        }
        g.writeName("buckets");
        g.writeStartObject();
        for (Map.Entry<String, Long> b : a.buckets().entrySet()) {
            g.writeNumberProperty(b.getKey(), b.getValue());
        }
        g.writeEndObject();
        long first = ledger.assertionFirst().get(i);
        if (first < 0) {
            g.writeNullProperty("firstIteration");
        } else {
            g.writeNumberProperty("firstIteration", first);
        }
        g.writeName("iterationsViolated");
        seeds(g, ledger.assertionViolated().get(i));
        g.writeEndObject();
    }

    private static void reboots(JsonGenerator g, List<RunResult> runs) {
        Map<RebootKind, Integer> byKind = new EnumMap<>(RebootKind.class);
        Map<String, Map<RebootKind, Integer>> byInjector = new TreeMap<>();
        long exited = 0;
        for (RunResult r : runs) {
            r.rebootCounts().forEach((kind, n) -> byKind.merge(kind, n, Integer::sum));
            r.rebootsByInjector()
                    .forEach((injector, counts) -> counts.forEach((kind, n) -> byInjector
                            .computeIfAbsent(injector, k -> new EnumMap<>(RebootKind.class))
                            .merge(kind, n, Integer::sum)));
            exited += r.lifecycle().stream()
                    .filter(e -> e.kind() == LifecycleEntry.Kind.EXITED)
                    .count();
        }
        g.writeName("reboots");
        g.writeStartObject();
        g.writeName("byKind");
        rebootCounts(g, byKind);
        g.writeName("byInjector");
        g.writeStartObject();
        for (Map.Entry<String, Map<RebootKind, Integer>> e : byInjector.entrySet()) {
            g.writeName(e.getKey());
            rebootCounts(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeNumberProperty("processesExited", exited);
    }

    private static void faults(JsonGenerator g, SimulationReport report) {
        g.writeName("faults");
        g.writeStartObject();
        for (Map.Entry<String, Long> e : report.faults().entrySet()) {
            g.writeNumberProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Counts by reboot kind, in the enum's order (a RunResult's map is an EnumMap or empty). */
    private static void rebootCounts(JsonGenerator g, Map<RebootKind, Integer> counts) {
        g.writeStartObject();
        for (RebootKind kind : RebootKind.values()) {
            Integer n = counts.get(kind);
            if (n != null) {
                g.writeNumberProperty(kind.name(), n);
            }
        }
        g.writeEndObject();
    }

    private static void seeds(JsonGenerator g, List<Long> seeds) {
        g.writeStartArray();
        for (long s : seeds) {
            g.writeNumber(s);
        }
        g.writeEndArray();
    }

    /** Nanoseconds of a duration, saturated: an iteration's times are far below the 292 years a long holds. */
    private static long nanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
