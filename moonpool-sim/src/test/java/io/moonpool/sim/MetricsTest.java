package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.Metrics;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code ctx.metrics().record(name, value)}: one histogram per name over a simulation's iterations. */
class MetricsTest {

    private static SimulationReport run(Workload workload, long... seeds) {
        return SimulationBuilder.create().workload(workload).seeds(seeds).run();
    }

    private static MetricSummary only(SimulationReport report) {
        assertEquals(1, report.metrics().size(), report.metrics().toString());
        return report.metrics().getFirst();
    }

    @Test
    void percentilesAreExactForKnownValues() {
        SimulationReport report = run(
                ctx -> {
                    for (long v = 1000; v >= 1; v--) {
                        ctx.metrics().record("latency", v);
                    }
                },
                1);
        assertEquals(new MetricSummary("latency", 1000, 1, 500, 900, 990, 1000), only(report));
    }

    @Test
    void largeValuesKeepThreeSignificantDigits() {
        SimulationReport report = run(
                ctx -> {
                    ctx.metrics().record("bytes", 0);
                    ctx.metrics().record("bytes", 1_000_000);
                    ctx.metrics().record("bytes", Long.MAX_VALUE);
                },
                1);
        MetricSummary m = only(report);
        assertEquals(3, m.count());
        assertEquals(0, m.min());
        assertTrue(Math.abs(m.p50() - 1_000_000) <= 1_000, "p50 " + m.p50());
        assertEquals(Long.MAX_VALUE, m.max());
    }

    @Test
    void valuesOfEveryIterationGoIntoOneHistogramPerNameReportedInSortedOrder() {
        SimulationReport report = run(
                ctx -> {
                    ctx.metrics().record("zeta", 10 * ctx.seed());
                    ctx.metrics().record("alpha", 7);
                },
                3,
                1,
                2);
        assertEquals(
                List.of(new MetricSummary("alpha", 3, 7, 7, 7, 7, 7), new MetricSummary("zeta", 3, 10, 20, 30, 30, 30)),
                report.metrics());
    }

    @Test
    void processesAndWorkloadsRecordIntoTheSameHistogram() {
        SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> ctx -> ctx.metrics().record("boots", 1))
                .workload(ctx -> {
                    ctx.time().sleep(java.time.Duration.ofSeconds(1));
                    ctx.metrics().record("boots", 1);
                })
                .seeds(4)
                .run();
        assertTrue(report.passed(), report::toString);
        assertEquals(3, only(report).count());
    }

    @Test
    void twoSimulationsKeepTheirMetricsApart() {
        SimulationReport first = run(ctx -> ctx.metrics().record("first", 1), 1, 2);
        SimulationReport second = run(ctx -> ctx.metrics().record("second", 2), 1);
        assertEquals(new MetricSummary("first", 2, 1, 1, 1, 1, 1), only(first));
        assertEquals(new MetricSummary("second", 1, 2, 2, 2, 2, 2), only(second));
    }

    @Test
    void twoSimulationsOnTwoThreadsAtOnceKeepTheirMetricsApart() throws InterruptedException {
        AtomicReference<SimulationReport> a = new AtomicReference<>();
        AtomicReference<SimulationReport> b = new AtomicReference<>();
        Thread ta = Thread.ofPlatform()
                .start(() -> a.set(run(
                        ctx -> {
                            for (int i = 0; i < 500; i++) {
                                ctx.metrics().record("shared.name", 1);
                                ctx.time().sleep(java.time.Duration.ofMillis(1));
                            }
                        },
                        1,
                        2)));
        Thread tb = Thread.ofPlatform()
                .start(() -> b.set(run(
                        ctx -> {
                            for (int i = 0; i < 300; i++) {
                                ctx.metrics().record("shared.name", 5);
                                ctx.time().sleep(java.time.Duration.ofMillis(1));
                            }
                        },
                        1)));
        ta.join();
        tb.join();
        assertEquals(new MetricSummary("shared.name", 1000, 1, 1, 1, 1, 1), only(a.get()));
        assertEquals(new MetricSummary("shared.name", 300, 5, 5, 5, 5, 5), only(b.get()));
    }

    @Test
    void theTextReportPrintsEachMetricsCountAndPercentiles() {
        SimulationReport report = run(
                ctx -> {
                    for (long v = 1; v <= 100; v++) {
                        ctx.metrics().record("queue.depth", v);
                    }
                },
                1);
        assertTrue(
                report.toString().contains("'queue.depth': count 100, min 1, p50 50, p90 90, p99 99, max 100"),
                report::toString);
    }

    @Test
    void aNullNameFailsTheSeedSayingSo() {
        RunFailure f = Sims.failureOf(Sims.runOnce(1, ctx -> ctx.metrics().record(null, 1)));
        assertEquals(FailureKind.EXCEPTION, f.kind());
        assertTrue(f.message().contains("name is null"), f.message());
    }

    @Test
    void aBlankNameFailsTheSeedSayingSo() {
        RunFailure f = Sims.failureOf(Sims.runOnce(1, ctx -> ctx.metrics().record("  ", 1)));
        assertTrue(f.message().contains("name is blank"), f.message());
    }

    @Test
    void aNegativeValueFailsTheSeedNamingTheMetric() {
        RunFailure f = Sims.failureOf(Sims.runOnce(1, ctx -> ctx.metrics().record("delta", -3)));
        assertTrue(f.message().contains("record(\"delta\", -3)"), f.message());
        assertTrue(f.message().contains("negative"), f.message());
    }

    @Test
    void metricsKeptBeyondTheirSimulationFailClearly() {
        AtomicReference<Metrics> kept = new AtomicReference<>();
        run(ctx -> kept.set(ctx.metrics()), 1);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> kept.get().record("late", 1));
        assertTrue(e.getMessage().contains("thread the simulation does not run"), e.getMessage());
    }

    @Test
    void outsideASimulationTheDefaultMetricsRecordNothing() {
        SimContext outside = new OutsideContext();
        assertSame(Metrics.noop(), outside.metrics());
        outside.metrics().record("anything", 1);
        assertThrows(NullPointerException.class, () -> Metrics.noop().record(null, 1));
    }

    /** A runtime's context that does not override {@code metrics()}. */
    private static final class OutsideContext implements SimContext {
        @Override
        public java.net.InetAddress ip() {
            return java.net.InetAddress.getLoopbackAddress();
        }

        @Override
        public io.moonpool.api.Topology topology() {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.moonpool.api.Time time() {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.moonpool.api.Tasks tasks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.moonpool.api.Network network() {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.moonpool.api.Storage storage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.random.RandomGenerator random() {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.moonpool.api.Shutdown shutdown() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public io.moonpool.api.SimState state() {
            throw new UnsupportedOperationException();
        }
    }
}
