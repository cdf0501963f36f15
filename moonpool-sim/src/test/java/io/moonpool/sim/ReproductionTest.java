package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every failing seed is re-run after the batch: the report says whether it reproduced, and if not, where it parted. */
class ReproductionTest {

    /** Fails on a seed's first run only: what user code that reads state outside the simulation looks like. */
    private static final class FailsOnce implements Workload {
        private int runs;
        private final boolean failAgainElsewhere;

        FailsOnce(boolean failAgainElsewhere) {
            this.failAgainElsewhere = failAgainElsewhere;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            boolean first = runs++ == 0;
            ctx.time().sleep(Duration.ofMillis(first ? 10 : 20));
            if (first || failAgainElsewhere) {
                throw new IllegalStateException("boom");
            }
        }
    }

    @Test
    void aDeterministicFailureIsReproduced() {
        Workload w = ctx -> {
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 100)));
            Assertions.always(false, "never holds");
        };
        SimulationReport report =
                SimulationBuilder.create().workload(w).seeds(1, 2).run();
        assertEquals(2, report.reproductions().size());
        for (Reproduction r : report.reproductions()) {
            assertEquals(Reproduction.Status.REPRODUCED, r.status(), r.divergence());
            assertEquals("", r.divergence());
        }
        assertTrue(report.toString().contains("REPRODUCED by a re-run in this JVM"), report::toString);
        // the re-runs count in no assertion
        assertEquals(2, report.assertions().getFirst().checks());
        assertTrue(report.toJson().contains("\"reproduction\": \"REPRODUCED\""), report::toJson);
    }

    @Test
    void aFailureTheReRunDoesNotRepeatIsNotReproducibleAndTheReportSaysWhereTheRunsParted() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new FailsOnce(false))
                .seeds(3)
                .run();
        Reproduction r = report.reproduction(3).orElseThrow();
        assertEquals(Reproduction.Status.NOT_REPRODUCIBLE, r.status());
        assertTrue(r.divergence().startsWith("the re-run passed"), r.divergence());
        assertTrue(r.divergence().contains("the timelines first differ at entry"), r.divergence());
        assertTrue(r.divergence().contains("task woken"), r.divergence());
        assertFalse(report.passed());
        assertTrue(report.toString().contains("NOT REPRODUCIBLE: the re-run passed"), report::toString);
    }

    @Test
    void aFailureRepeatedOnAnotherPathIsNotReproducibleEither() {
        Reproduction r = SimulationBuilder.create()
                .workload(new FailsOnce(true))
                .seeds(4)
                .run()
                .reproduction(4)
                .orElseThrow();
        assertEquals(Reproduction.Status.NOT_REPRODUCIBLE, r.status());
        // the same kind and source, but at another simulated time
        assertTrue(r.divergence().startsWith("the re-run failed otherwise"), r.divergence());
    }

    @Test
    void verifyFailuresFalseSkipsTheReRuns() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new FailsOnce(false))
                .verifyFailures(false)
                .seeds(5)
                .run();
        assertTrue(report.reproductions().isEmpty());
        assertTrue(report.reproduction(5).isEmpty());
        assertTrue(report.toJson().contains("\"reproduction\": \"NOT_CHECKED\""), report::toJson);
    }
}
