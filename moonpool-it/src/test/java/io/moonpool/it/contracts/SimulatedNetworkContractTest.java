package io.moonpool.it.contracts;

import io.moonpool.testkit.NetworkContract;
import io.moonpool.testkit.ProviderTarget;
import io.moonpool.testkit.SimulatedTarget;

/** The network contract against the simulated providers: one fixed seed per case, faults off. */
class SimulatedNetworkContractTest extends NetworkContract {

    @Override
    protected ProviderTarget target() {
        return new SimulatedTarget();
    }
}
