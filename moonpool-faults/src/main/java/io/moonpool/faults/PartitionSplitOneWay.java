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
        int n = ctx.processIps().size();
        while (n >= 2 && Partitions.pause(ctx)) {
            List<InetAddress> rest = new ArrayList<>(ctx.processIps());
            // a minority: fewer than half (one of two, when there are only two)
            int minority = 1 + ctx.random().nextInt(Math.max(1, (n - 1) / 2));
            List<InetAddress> side = new ArrayList<>();
            for (int i = 0; i < minority && rest.size() > 1; i++) {
                side.add(rest.remove(ctx.random().nextInt(rest.size())));
            }
            Partitions.splitOneWay(ctx, side, rest, Partitions.cut(ctx));
        }
    }
}
