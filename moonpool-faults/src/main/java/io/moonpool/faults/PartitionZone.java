package io.moonpool.faults;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;

/**
 * The {@code partition_zone} injector: cuts one random zone from the rest of the cluster (its processes still
 * reach one another; every other node, workloads included, is cut from them, both ways) for a random while,
 * again and again. With fewer than two zones (the default placement has one) it does nothing.
 */
@InjectorName("partition_zone")
public final class PartitionZone implements FaultInjector {

    /** Creates the injector. */
    public PartitionZone() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        Partitions.cutDomains(ctx, FailureDomain.ZONE);
    }
}
