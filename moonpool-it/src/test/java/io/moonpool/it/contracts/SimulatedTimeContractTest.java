package io.moonpool.it.contracts;

import io.moonpool.testkit.ProviderTarget;
import io.moonpool.testkit.SimulatedTarget;
import io.moonpool.testkit.TimeContract;

/** The time contract against the simulated providers: one fixed seed per case, faults off. */
class SimulatedTimeContractTest extends TimeContract {

    @Override
    protected ProviderTarget target() {
        return new SimulatedTarget();
    }
}
