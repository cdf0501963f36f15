package io.moonpool.faults;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;

/**
 * The {@code partition_datacenter} injector: cuts one random datacenter from the rest of the cluster (its
 * processes still reach one another; every other node, workloads included, is cut from them, both ways) for a
 * random while, again and again. With fewer than two datacenters (the default placement has one) it does
 * nothing.
 */
@InjectorName("partition_datacenter")
public final class PartitionDatacenter implements FaultInjector {

    /** Creates the injector. */
    public PartitionDatacenter() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        Partitions.cutDomains(ctx, FailureDomain.DATACENTER);
    }
}
