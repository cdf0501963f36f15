package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The {@code partition_split} injector: splits a random minority of processes off from the rest, repeatedly. */
@InjectorName("partition_split")
public final class PartitionSplit implements FaultInjector {

    /** Creates the injector. */
    public PartitionSplit() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        while (ctx.processIps().size() >= 2 && Partitions.pause(ctx)) {
            List<InetAddress> rest = new ArrayList<>(ctx.processIps());
            List<InetAddress> side = Partitions.drawMinority(ctx, rest);
            Partitions.split(ctx, side, rest, Partitions.cut(ctx));
        }
    }
}
