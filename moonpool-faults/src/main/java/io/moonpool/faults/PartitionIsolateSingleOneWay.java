package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.List;

/**
 * The {@code partition_isolate_single_oneway} injector: cuts one random process off from every other in one
 * direction, repeatedly, as {@code partition_isolate_single} does in both: each round draws whether it stops
 * reaching the others (it still hears them) or they stop reaching it. Workloads reach it throughout, as with
 * the two-way injector.
 */
@InjectorName("partition_isolate_single_oneway")
public final class PartitionIsolateSingleOneWay implements FaultInjector {

    /** Creates the injector. */
    public PartitionIsolateSingleOneWay() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        List<InetAddress> ips = ctx.processIps();
        while (ips.size() >= 2 && Partitions.pause(ctx)) {
            InetAddress lonely = ips.get(ctx.random().nextInt(ips.size()));
            Partitions.splitOneWay(ctx, List.of(lonely), Partitions.others(ctx, lonely), Partitions.cut(ctx));
        }
    }
}
