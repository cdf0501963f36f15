package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.List;

/** The {@code partition_isolate_single} injector: cuts one random process off from every other, repeatedly. */
@InjectorName("partition_isolate_single")
public final class PartitionIsolateSingle implements FaultInjector {

    /** Creates the injector. */
    public PartitionIsolateSingle() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        List<InetAddress> ips = ctx.processIps();
        while (ips.size() >= 2 && Partitions.pause(ctx)) {
            InetAddress lonely = ips.get(ctx.random().nextInt(ips.size()));
            Partitions.split(ctx, List.of(lonely), Partitions.others(ctx, lonely), Partitions.cut(ctx));
        }
    }
}
