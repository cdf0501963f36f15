package io.moonpool.examples;

import io.moonpool.junit.SimulationTest;
import io.moonpool.sim.SimulationBuilder;

/**
 * The example simulations, as a smoke test in {@code verify}: each passes on a few fixed seeds. They run as
 * {@code @SimulationTest}s, so a failing seed is a test failure of its own that starts with its replay line, and
 * {@code -Dtest=ExamplesTest#theJobQueuePassesOnFixedSeeds -Dmoonpool.seed=N} replays it.
 */
class ExamplesTest {

    @SimulationTest(seeds = {1, 2, 3})
    SimulationBuilder theJobQueuePassesOnFixedSeeds() {
        return Main.jobQueue();
    }

    @SimulationTest(seeds = {1, 2, 3})
    SimulationBuilder theReplicatedRegisterPassesOnFixedSeeds() {
        return Main.replicatedRegister();
    }
}
