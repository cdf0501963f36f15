/**
 * Runs Moonpool simulations as JUnit Platform tests: {@link io.moonpool.junit.SimulationTest} methods, run by a
 * test engine of their own (id {@code moonpool}).
 */
module io.moonpool.junit {
    requires transitive io.moonpool.sim;
    requires org.junit.platform.engine;
    requires org.junit.platform.commons;

    exports io.moonpool.junit;

    provides org.junit.platform.engine.TestEngine with
            io.moonpool.junit.internal.SimulationTestEngine;
}
