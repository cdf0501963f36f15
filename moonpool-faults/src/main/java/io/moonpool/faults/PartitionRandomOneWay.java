package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.List;

/**
 * The {@code partition_random_oneway} injector: cuts one direction between a random pair of processes for a
 * random while, again and again, as {@code partition_random} cuts both: the first process drawn no longer
 * reaches the second, which still reaches it.
 */
@InjectorName("partition_random_oneway")
public final class PartitionRandomOneWay implements FaultInjector {

    /** Creates the injector. */
    public PartitionRandomOneWay() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        List<InetAddress> ips = ctx.processIps();
        while (ips.size() >= 2 && Partitions.pause(ctx)) {
            InetAddress from = ips.get(ctx.random().nextInt(ips.size()));
            List<InetAddress> others = Partitions.others(ctx, from);
            ctx.cut(from, others.get(ctx.random().nextInt(others.size())), Partitions.cut(ctx));
        }
    }
}
