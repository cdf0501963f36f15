package io.moonpool.it.contracts;

import io.moonpool.testkit.ProviderTarget;
import io.moonpool.testkit.SimulatedTarget;
import io.moonpool.testkit.StorageContract;

/** The storage contract against the simulated providers: one fixed seed per case, faults off. */
class SimulatedStorageContractTest extends StorageContract {

    @Override
    protected ProviderTarget target() {
        return new SimulatedTarget();
    }
}
