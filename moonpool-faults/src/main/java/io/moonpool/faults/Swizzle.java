package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code swizzle} injector (after FoundationDB's): on a random process, clogs a share of its connections,
 * then a share of those left, and so on, and lets them go in reverse order: the first clogged is the last
 * restored.
 */
@InjectorName("swizzle")
public final class Swizzle implements FaultInjector {

    private static final int STEPS = 4;
    private static final Duration STEP = Duration.ofMillis(500);

    /** Creates the injector. */
    public Swizzle() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        List<InetAddress> ips = ctx.processIps();
        while (!ips.isEmpty() && Partitions.pause(ctx)) {
            InetAddress ip = ips.get(ctx.random().nextInt(ips.size()));
            // step i starts at i * STEP and ends at (2 * STEPS - i) * STEP: last in, first out
            for (int i = 0; i < STEPS && !ctx.chaosShutdown().isRequested(); i++) {
                ctx.clog(ip, 1.0 / STEPS, STEP.multipliedBy(2L * (STEPS - i)));
                ctx.time().sleep(STEP);
            }
        }
    }
}
