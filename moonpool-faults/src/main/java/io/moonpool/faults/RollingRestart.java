package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The {@code rolling_restart} injector: reboots each process in turn, gracefully, and waits for it to come
 * back before the next, the way an operator rolls out a new version. One round per chaos phase.
 */
@InjectorName(RollingRestart.NAME)
public final class RollingRestart implements FaultInjector {

    /** The injector's name. */
    public static final String NAME = "rolling_restart";

    private static final Duration POLL = Duration.ofMillis(100);

    /** Creates the injector. */
    public RollingRestart() {}

    @Override
    public void inject(FaultContext ctx) throws Exception {
        for (InetAddress ip : ctx.processIps()) {
            if (!awaitAlive(ctx, ip)) {
                return;
            }
            ctx.reboot(ip, RebootKind.GRACEFUL);
            if (!awaitAlive(ctx, ip)) {
                return;
            }
        }
    }

    /** Waits until the process is alive; false if chaos ended first. */
    private static boolean awaitAlive(FaultContext ctx, InetAddress ip) throws InterruptedException {
        while (!ctx.isAlive(ip)) {
            if (ctx.chaosShutdown().isRequested()) {
                return false;
            }
            ctx.time().sleep(POLL);
        }
        return !ctx.chaosShutdown().isRequested();
    }
}
