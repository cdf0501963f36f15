package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.List;

/** The {@code partition_random} injector: cuts a random pair of processes for a random while, again and again. */
@InjectorName("partition_random")
public final class PartitionRandom implements FaultInjector {

    /** Creates the injector. */
    public PartitionRandom() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        List<InetAddress> ips = ctx.processIps();
        while (ips.size() >= 2 && Partitions.pause(ctx)) {
            InetAddress a = ips.get(ctx.random().nextInt(ips.size()));
            List<InetAddress> others = Partitions.others(ctx, a);
            ctx.partition(a, others.get(ctx.random().nextInt(others.size())), Partitions.cut(ctx));
        }
    }
}
