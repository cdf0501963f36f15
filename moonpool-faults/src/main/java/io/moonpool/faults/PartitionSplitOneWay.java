package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code partition_split_oneway} injector: splits a random minority of processes off from the rest in one
 * direction, repeatedly, as {@code partition_split} does in both: each round draws whether the minority stops
 * reaching the rest or the rest stops reaching the minority.
 */
@InjectorName("partition_split_oneway")
public final class PartitionSplitOneWay implements FaultInjector {

    /** Creates the injector. */
    public PartitionSplitOneWay() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        while (ctx.processIps().size() >= 2 && Partitions.pause(ctx)) {
            List<InetAddress> rest = new ArrayList<>(ctx.processIps());
            List<InetAddress> side = Partitions.drawMinority(ctx, rest);
            Partitions.splitOneWay(ctx, side, rest, Partitions.cut(ctx));
        }
    }
}
