package io.moonpool.it.contracts;

import io.moonpool.testkit.ProviderTarget;
import io.moonpool.testkit.SimulatedTarget;
import io.moonpool.testkit.TasksContract;

/** The tasks contract against the simulated providers: one fixed seed per case, faults off. */
class SimulatedTasksContractTest extends TasksContract {

    @Override
    protected ProviderTarget target() {
        return new SimulatedTarget();
    }
}
