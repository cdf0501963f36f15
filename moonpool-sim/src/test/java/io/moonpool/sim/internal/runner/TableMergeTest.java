package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.SimContext;
import io.moonpool.api.Swarm;
import io.moonpool.api.Workload;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.internal.worker.Recipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each seed run into tables of its own (as in a worker JVM), the tables sent through their wire format and merged
 * in seed order, gives exactly the tables, ledger and results of a sequential run into shared tables.
 */
class TableMergeTest {

    /** Every kind of table entry, with values that differ from seed to seed; some seeds violate an assertion. */
    static final class Mixed implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            int n = ctx.random().nextInt(20);
            for (int i = 0; i < n; i++) {
                ctx.time().sleep(java.time.Duration.ofMillis(1 + ctx.random().nextInt(5)));
                ctx.metrics().record("latency", ctx.random().nextInt(5_000));
                Assertions.sometimes(i > 10, "long run");
                Assertions.sometimesGreaterThan(i, 15, "reaches 15");
                Assertions.sometimesLessThan(n - i, 2, "near the end");
                Assertions.sometimesEach("bucket", i % 4);
                Assertions.sometimesAll("both", Map.of("odd", i % 2 == 1, "big", i > 12));
                if (Buggify.fire("slow path")) {
                    ctx.metrics().record("buggified", i);
                }
                if (Swarm.enabled("op" + (i % 3))) {
                    Assertions.reachable("op used");
                }
            }
            Assertions.always(n != 7, "never seven");
            Assertions.alwaysLessThan(n, 19, "below 19");
        }
    }

    static SimulationBuilder simulation() {
        return SimulationBuilder.create()
                .workload(new Mixed())
                .expect("never reached", "never seven")
                .requireCoverage(false);
    }

    @Test
    void perSeedTablesMergedInSeedOrderEqualSequentialAccumulation() throws IOException {
        Settings settings = new Recipe(TableMergeTest.class, "simulation").settings();
        SimulationConfig config = Validation.validate(settings);
        long base = 20_261_202L;
        // 120 seeds, as iterations(120) would run them
        Settings counted = withIterations(settings, 120);

        Batch sequential = new Batch(counted, config, base, null);
        sequential.runHere();
        Runner.Runs expected = sequential.finish();

        Batch merged = new Batch(counted, config, base, null);
        SeedRunner worker = new SeedRunner(config, counted.expected());
        for (long index = merged.next(); index >= 0; index = merged.next()) {
            // one seed per chunk: each seed's tables merged on their own, the finest grain a worker sends
            SeedRunner.Chunk seed = worker.run(new long[] {index}, new long[] {merged.seed(index)});
            assertTrue(merged.accept(
                    index,
                    seed.results().getFirst(),
                    roundTrip(seed.assertions(), counted.expected()),
                    roundTrip(seed.buggify()),
                    MetricsTable.ofBuckets(seed.metrics().buckets())));
        }
        Runner.Runs actual = merged.finish();

        assertFalse(expected.assertions().isEmpty());
        assertFalse(expected.buggifySites().isEmpty());
        assertFalse(expected.swarmOperations().isEmpty());
        assertFalse(expected.metrics().isEmpty());
        assertTrue(expected.runs().stream().anyMatch(r -> !r.passed()), "some seed violates an assertion");
        assertEquals(withoutWallTimes(expected.runs()), withoutWallTimes(actual.runs()));
        assertEquals(expected.assertions(), actual.assertions());
        assertEquals(expected.buggifySites(), actual.buggifySites());
        assertEquals(expected.swarmOperations(), actual.swarmOperations());
        assertEquals(expected.metrics(), actual.metrics());
        assertEquals(expected.reproductions(), actual.reproductions());
        assertEquals(expected.stopReason(), actual.stopReason());
        RunLedger a = expected.ledger();
        RunLedger b = actual.ledger();
        assertEquals(a.runIterations(), b.runIterations());
        assertEquals(a.assertionFirst(), b.assertionFirst());
        assertEquals(a.assertionViolated(), b.assertionViolated());
        assertEquals(a.siteFirst(), b.siteFirst());
        assertEquals(a.siteActive(), b.siteActive());
        assertEquals(a.operationFirst(), b.operationFirst());
        assertEquals(a.histograms().keySet(), b.histograms().keySet());
        a.histograms()
                .forEach((name, pairs) -> assertEquals(
                        java.util.Arrays.toString(pairs),
                        java.util.Arrays.toString(b.histograms().get(name)),
                        name));
    }

    @Test
    void aShardRunsEveryNthIterationOfTheSameSequence() {
        Settings settings = withIterations(new Recipe(TableMergeTest.class, "simulation").settings(), 10);
        SimulationConfig config = Validation.validate(settings);
        Batch shard = new Batch(settings, config, 5L, new Shard(1, 4));
        assertEquals(3, shard.iterations());
        List<Long> indexes = new ArrayList<>();
        for (long i = shard.next(); i >= 0; i = shard.next()) {
            indexes.add(i);
        }
        assertEquals(List.of(1L, 5L, 9L), indexes);
    }

    private static AssertionTable roundTrip(AssertionTable t, List<String> expected) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.writeTo(new DataOutputStream(bytes));
        return AssertionTable.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), expected);
    }

    private static BuggifyTable roundTrip(BuggifyTable t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.writeTo(new DataOutputStream(bytes));
        return BuggifyTable.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    private static List<RunResult> withoutWallTimes(List<RunResult> runs) {
        return runs.stream()
                .map(r -> new RunResult(
                        r.seed(),
                        r.failure()
                                .map(f -> new io.moonpool.sim.RunFailure(
                                        f.kind(),
                                        f.phase(),
                                        f.source(),
                                        f.message(),
                                        f.simTime(),
                                        f.stackTrace(),
                                        java.util.Optional.empty())),
                        r.simTime(),
                        r.events(),
                        r.traceHash(),
                        java.time.Duration.ZERO,
                        r.rebootCounts(),
                        r.rebootsByInjector(),
                        r.lifecycle(),
                        r.timeline(),
                        r.faults()))
                .toList();
    }

    private static Settings withIterations(Settings s, int iterations) {
        return new Settings(
                s.workloads(),
                s.processCount(),
                s.placement(),
                s.processSupplier(),
                s.processClass(),
                s.modules(),
                s.faultNames(),
                s.resourceConfigs(),
                s.tags(),
                s.chaosDuration(),
                s.attrition(),
                s.rebootTiming(),
                s.injectors(),
                iterations,
                s.seeds(),
                s.timeLimit(),
                s.maxSimulatedTime(),
                s.maxStepsPerInstant(),
                s.stopOnFirstViolation(),
                s.requireCoverage(),
                s.expected(),
                s.buggify(),
                s.timeline(),
                s.invariants(),
                s.untilCoverage(),
                s.plateau(),
                s.baseSeed(),
                s.reportFile(),
                s.verifyFailures(),
                s.progress(),
                s.checkDeterminism(),
                s.parallelism(),
                s.source());
    }
}
