package io.moonpool.sim.internal.runner;

import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootKind;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in attrition injector: reboots a live process at seeded-random times, with a kind drawn by
 * weight, never letting more than {@code maxDead} processes be dead at once.
 */
public final class AttritionInjector implements FaultInjector {

    /** The name attrition's reboots are counted under. */
    public static final String NAME = "attrition";

    private final Attrition config;

    /**
     * Creates the injector.
     *
     * @param config what to do
     */
    public AttritionInjector(Attrition config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void inject(FaultContext ctx) throws Exception {
        long maxPause = Math.max(1, config.maxRecoveryDelay().toNanos());
        while (!ctx.chaosShutdown().isRequested()) {
            ctx.time().sleep(Duration.ofNanos(ctx.random().nextLong(maxPause)));
            List<InetAddress> live = new ArrayList<>();
            int dead = 0;
            for (InetAddress ip : ctx.processIps()) {
                if (ctx.isAlive(ip)) {
                    live.add(ip);
                } else {
                    dead++;
                }
            }
            // exited processes count as dead too: a conservative reading of maxDead
            if (live.isEmpty() || dead >= config.maxDead() || ctx.chaosShutdown().isRequested()) {
                continue;
            }
            InetAddress victim = live.get(ctx.random().nextInt(live.size()));
            RebootKind kind = config.kindFor(ctx.random().nextDouble());
            ctx.reboot(victim, kind);
        }
    }
}
