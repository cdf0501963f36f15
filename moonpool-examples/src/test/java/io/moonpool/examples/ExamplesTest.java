package io.moonpool.examples;

import org.junit.jupiter.api.Test;

/**
 * The example simulations, as a smoke test in {@code verify}: each passes on a few fixed seeds.
 */
class ExamplesTest {

    @Test
    void theJobQueuePassesOnFixedSeeds() {
        Main.jobQueue().seeds(1L, 2L, 3L).run().assertPassed();
    }

    @Test
    void theReplicatedRegisterPassesOnFixedSeeds() {
        Main.replicatedRegister().seeds(1L, 2L, 3L).run().assertPassed();
    }
}
