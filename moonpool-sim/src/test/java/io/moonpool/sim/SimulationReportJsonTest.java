package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Swarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toJson()} and {@code reportFile(path)}: the JSON parses back and has what the schema file requires. */
class SimulationReportJsonTest {

    private static final Object SCHEMA = ParsedJson.parse(SimulationReport.jsonSchema());

    /** Every seed passes; sometimes-like assertions are met; a metric is recorded. */
    private static SimulationReport passingRun() {
        return SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(ctx.seed()));
                    Assertions.always(true, "time moves forward");
                    Assertions.sometimes(true, "a write happened");
                    ctx.metrics().record("sleep.ms", ctx.seed());
                })
                .seeds(1, 2, 3)
                .run();
    }

    /**
     * Seed 2 violates an always; every seed checks numeric, each and all assertions, fires a buggify site,
     * asks a swarm operation and records metrics; one expected assertion never runs.
     */
    private static SimulationReport failingRun() {
        return SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    Assertions.always(ctx.seed() != 2, "seed two is fine");
                    Assertions.sometimesGreaterThan(ctx.seed(), 10, "a seed above ten");
                    Assertions.sometimesEach("seed parity", ctx.seed() % 2 == 0 ? "even" : "odd");
                    Assertions.sometimesAll("both", Map.of("a", true, "b", ctx.seed() == 3));
                    for (int i = 0; i < 20; i++) {
                        Buggify.fire("json.site");
                    }
                    if (Swarm.enabled("json.op")) {
                        ctx.metrics().record("ops", 1);
                    }
                    ctx.metrics().record("latency.ms", 10 * ctx.seed());
                })
                .expect("never reached")
                .seeds(1, 2, 3)
                .run();
    }

    private static Map<String, Object> json(SimulationReport report) {
        return ParsedJson.object(ParsedJson.parse(report.toJson()));
    }

    @Test
    void aPassingRunHasEveryFieldTheSchemaRequires() {
        SimulationReport report = passingRun();
        assertTrue(report.passed(), report::toString);
        Map<String, Object> json = json(report);
        assertEquals(List.of(), ParsedJson.problems(SCHEMA, json));
        assertEquals(1L, json.get("schemaVersion"));
        assertEquals(true, json.get("passed"));
        assertEquals(1L, json.get("baseSeed"));
        assertEquals(true, json.get("explicitSeeds"));
        assertEquals(Map.of("run", 3L, "passed", 3L, "failed", 0L), json.get("iterations"));
        assertEquals(List.of(), json.get("failures"));
        assertEquals(3, ParsedJson.array(json.get("runs")).size());
        assertEquals(
                List.of(1L, 2L, 3L),
                ParsedJson.array(json.get("runs")).stream()
                        .map(r -> ParsedJson.object(r).get("seed"))
                        .toList());
        Map<String, Object> sim =
                ParsedJson.object(ParsedJson.object(json.get("perIteration")).get("simulatedTimeMillis"));
        assertEquals(3L, sim.get("max"));
        assertEquals(2L, sim.get("p50"));
        Map<String, Object> metric =
                ParsedJson.object(ParsedJson.array(json.get("metrics")).getFirst());
        assertEquals("sleep.ms", metric.get("name"));
        assertEquals(3L, metric.get("count"));
        assertEquals(1L, metric.get("min"));
        assertEquals(3L, metric.get("max"));
    }

    @Test
    void aFailingRunHasItsFailureAssertionsBuggifySwarmAndMetricsAsTheSchemaRequires() {
        SimulationReport report = failingRun();
        assertFalse(report.passed());
        Map<String, Object> json = json(report);
        assertEquals(List.of(), ParsedJson.problems(SCHEMA, json));
        assertEquals(false, json.get("passed"));
        assertEquals(Map.of("run", 3L, "passed", 2L, "failed", 1L), json.get("iterations"));

        List<Object> failures = ParsedJson.array(json.get("failures"));
        assertEquals(1, failures.size());
        Map<String, Object> failure = ParsedJson.object(failures.getFirst());
        assertEquals(2L, failure.get("seed"));
        assertEquals("ASSERTION", failure.get("kind"));
        assertEquals("RUN", failure.get("phase"));
        assertEquals("assertion 'seed two is fine'", failure.get("source"));
        assertEquals(".seeds(2L)", failure.get("replay"));
        assertEquals(report.runs().get(1).failure().orElseThrow().message(), failure.get("message"));
        assertEquals(
                report.runs().get(1).failure().orElseThrow().simTime().toNanos(), failure.get("simulatedTimeNanos"));

        Map<String, Map<String, Object>> assertions = new java.util.TreeMap<>();
        for (Object a : ParsedJson.array(json.get("assertions"))) {
            assertions.put((String) ParsedJson.object(a).get("message"), ParsedJson.object(a));
        }
        Map<String, Object> always = assertions.get("seed two is fine");
        assertEquals("ALWAYS", always.get("kind"));
        assertEquals(3L, always.get("checks"));
        assertEquals(2L, always.get("trues"));
        assertEquals(1L, always.get("falses"));
        assertEquals(List.of(2L), always.get("seedsViolated"));
        assertEquals(false, always.get("satisfied"));
        assertTrue(((String) always.get("callSite")).contains("SimulationReportJsonTest"), always.toString());
        assertEquals(3.0, assertions.get("a seed above ten").get("best"));
        assertEquals(
                Map.of("even", 1L, "odd", 2L), assertions.get("seed parity").get("buckets"));
        assertEquals(2.0, assertions.get("both").get("best"));
        Map<String, Object> expected = assertions.get("never reached");
        assertNull(expected.get("callSite"));
        assertTrue(expected.containsKey("callSite"), "an absent call site is null, not missing");

        List<Object> coverage = ParsedJson.array(json.get("coverageFailures"));
        assertEquals(
                report.coverageFailures().stream().map(AssertionResult::message).toList(),
                coverage.stream().map(c -> ParsedJson.object(c).get("message")).toList());
        assertTrue(coverage.stream()
                .anyMatch(c -> "never reached".equals(ParsedJson.object(c).get("message"))));

        // the test's own site, beside the built-in ones its sleeps reach (time.sleep.late)
        Map<String, Object> site = ParsedJson.array(json.get("buggifySites")).stream()
                .map(ParsedJson::object)
                .filter(o -> "json.site".equals(o.get("site")))
                .findFirst()
                .orElseThrow();
        BuggifySite expectedSite = report.buggifySites().stream()
                .filter(b -> b.site().equals("json.site"))
                .findFirst()
                .orElseThrow();
        assertEquals("json.site", site.get("site"));
        assertEquals(60L, site.get("calls"));
        assertEquals(expectedSite.fired(), site.get("fired"));
        assertEquals(expectedSite.seedsActive(), site.get("seedsActive"));

        Map<String, Object> op =
                ParsedJson.object(ParsedJson.array(json.get("swarmOperations")).getFirst());
        assertEquals("json.op", op.get("operation"));
        assertEquals(3L, op.get("seeds"));

        List<Object> metrics = ParsedJson.array(json.get("metrics"));
        assertEquals(
                report.metrics().stream().map(MetricSummary::name).toList(),
                metrics.stream().map(m -> ParsedJson.object(m).get("name")).toList());
        Map<String, Object> latency = ParsedJson.object(metrics.getFirst());
        assertEquals("latency.ms", latency.get("name"));
        assertEquals(3L, latency.get("count"));
        assertEquals(10L, latency.get("min"));
        assertEquals(20L, latency.get("p50"));
        assertEquals(30L, latency.get("max"));
    }

    @Test
    void theSchemaCheckCatchesAMissingRequiredKeyAndAnUndocumentedOne() {
        Map<String, Object> json = new java.util.LinkedHashMap<>(json(passingRun()));
        json.remove("baseSeed");
        json.put("surprise", 1L);
        List<String> problems = ParsedJson.problems(SCHEMA, json);
        assertTrue(problems.contains("$: required key 'baseSeed' is missing"), problems.toString());
        assertTrue(problems.contains("$.surprise: key not described by the schema"), problems.toString());
    }

    @Test
    void theSameSeedsGiveTheSameJsonApartFromWallTimes() {
        assertEquals(
                withoutWallTimes(failingRun().toJson()),
                withoutWallTimes(failingRun().toJson()));
    }

    private static String withoutWallTimes(String json) {
        return json.replaceAll("\"wallTimeNanos\": \\d+", "\"wallTimeNanos\": 0")
                .replaceAll("(?s)\"wallTimeMicros\": \\{[^}]*}", "\"wallTimeMicros\": {}");
    }

    @Test
    void theJsonIsPrettyPrintedWithTheSchemaVersionFirstAndUnixLineEnds() {
        String text = passingRun().toJson();
        assertTrue(text.startsWith("{\n  \"schemaVersion\": 1,\n"), text);
        assertFalse(text.contains("\r"));
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void theSchemaFileIsVersionOneAndRequiresEveryTopLevelFieldTheReportWrites() {
        Map<String, Object> schema = ParsedJson.object(SCHEMA);
        assertEquals(
                1L,
                ParsedJson.object(ParsedJson.object(schema.get("properties")).get("schemaVersion"))
                        .get("const"));
        assertEquals(
                List.copyOf(json(passingRun()).keySet()),
                ParsedJson.array(schema.get("required")),
                "the schema lists every top-level field, in the order written");
    }

    @Test
    void reportFileWritesTheSameJsonCreatingItsParentDirectories(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nested/deeper/report.json");
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> ctx.metrics().record("x", 5))
                .seeds(9)
                .reportFile(file)
                .run();
        assertEquals(report.toJson(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void reportFileReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old content that is longer than nothing at all");
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {})
                .seeds(1)
                .reportFile(file)
                .run();
        assertEquals(report.toJson(), Files.readString(file));
    }

    @Test
    void aReportFileUnderARegularFileFailsBeforeTheRunNamingThePath(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = notADirectory.resolve("report.json");
        boolean[] ran = {false};
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> ran[0] = true)
                        .seeds(1)
                        .reportFile(file)
                        .run());
        assertFalse(ran[0], "a bad report file must fail before any iteration runs");
        assertEquals(1, e.problems().size(), e.problems().toString());
        String problem = e.problems().getFirst();
        assertTrue(problem.contains(file.toAbsolutePath().toString()), problem);
        assertTrue(problem.contains(notADirectory.toAbsolutePath() + " is a file"), problem);
    }

    @Test
    void aReportFileThatIsADirectoryFailsBeforeTheRunNamingIt(@TempDir Path dir) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .seeds(1)
                        .reportFile(dir)
                        .run());
        assertTrue(e.problems().getFirst().contains(dir.toAbsolutePath() + " is a directory"), e.getMessage());
    }
}
