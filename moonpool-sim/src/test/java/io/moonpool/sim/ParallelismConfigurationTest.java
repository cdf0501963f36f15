package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import org.junit.jupiter.api.Test;

/** Bad parallelism and source settings fail in run(), naming the fix; parallelism(1) runs in this JVM. */
class ParallelismConfigurationTest {

    static final class Nothing implements Workload {
        @Override
        public void run(SimContext ctx) {}
    }

    static SimulationBuilder recipe() {
        return SimulationBuilder.create().workload(new Nothing());
    }

    static void configure(SimulationBuilder b) {
        b.workload(new Nothing());
    }

    static int wrongShape(String s) {
        return s.length();
    }

    private static String problem(SimulationBuilder b) {
        return assertThrows(ConfigurationException.class, b::run).getMessage();
    }

    @Test
    void parallelismBelowOneIsRejected() {
        String m = problem(recipe().parallelism(0));
        assertTrue(m.contains("parallelism must be at least 1, was 0: use .parallelism(n) with n >= 1"), m);
    }

    @Test
    void parallelismAboveOneNeedsASource() {
        String m = problem(recipe().parallelism(2).iterations(4));
        assertTrue(
                m.contains("parallelism(2) runs the iterations in worker JVMs, which rebuild the simulation from a"
                        + " recipe: add .source(MyTest.class, \"simulation\")"),
                m);
    }

    @Test
    void theSystemPropertyIsChecked() {
        for (String bad : new String[] {"0", "two", "-3"}) {
            System.setProperty("moonpool.parallelism", bad);
            try {
                String m = problem(recipe());
                assertTrue(
                        m.contains("system property moonpool.parallelism=" + bad + " is not a number of worker"
                                + " JVMs: give a whole number >= 1"),
                        m);
            } finally {
                System.clearProperty("moonpool.parallelism");
            }
        }
        // set for a whole build, the property does not fail a simulation without a source: it runs in this JVM
        System.setProperty("moonpool.parallelism", "2");
        try {
            SimulationReport report = recipe().iterations(3).run();
            report.assertPassed();
            assertEquals(3, report.runs().size());
        } finally {
            System.clearProperty("moonpool.parallelism");
        }
    }

    @Test
    void aSourceOfNoSupportedShapeIsRejected() {
        String missing = problem(recipe().source(ParallelismConfigurationTest.class, "absent"));
        assertTrue(
                missing.contains("ParallelismConfigurationTest has no method named 'absent': give a method that"
                        + " takes no parameter and returns the configured SimulationBuilder, or one that takes a"
                        + " SimulationBuilder and returns void"),
                missing);
        String shape = problem(recipe().source(ParallelismConfigurationTest.class, "wrongShape"));
        assertTrue(shape.contains("is of neither shape a worker JVM can call"), shape);
    }

    @Test
    void withParallelismOneASourceRunsHereAsBefore() {
        SimulationReport a = recipe().source(ParallelismConfigurationTest.class, "recipe")
                .parallelism(1)
                .iterations(3)
                .baseSeed(9)
                .run();
        SimulationReport b = recipe().iterations(3).baseSeed(9).run();
        assertEquals(3, a.runs().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(b.runs().get(i).traceHash(), a.runs().get(i).traceHash());
        }
        // the configuring shape is accepted as well
        recipe().source(ParallelismConfigurationTest.class, "configure")
                .parallelism(1)
                .run()
                .assertPassed();
    }
}
