package io.moonpool.faults;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.api.fault.RebootKind;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attrition} injector: during the chaos phase it reboots a live process at seeded-random times,
 * drawing the kind by the configured weights, and never lets more than {@code maxDead} processes be down
 * at the same instant.
 *
 * <p>With a {@link Attrition#scope() scope} other than {@link FailureDomain#PROCESS} it reboots a random alive
 * machine, zone or datacenter at a time (every live process of it at once, through
 * {@link FaultContext#reboot(FailureDomain, String, RebootKind)}), never while {@code maxDead} units of the scope
 * are dead. The process scope draws exactly what it drew before scopes existed, so its seeds replay unchanged.
 *
 * <p>Enabled by {@code SimulationBuilder.attrition(Attrition)}, which also binds the {@link Attrition} this
 * injector is built with.
 */
@InjectorName(AttritionInjector.NAME)
public final class AttritionInjector implements FaultInjector {

    /** The injector's name. */
    public static final String NAME = "attrition";

    private final Attrition config;

    /**
     * Creates attrition with {@link Attrition#defaults()}. It is here because javac accepts the
     * {@code provides} clause of {@code module-info.java} only for a class with a public no-argument
     * constructor (or a {@code provider()} method); the runner does not call it, and builds the injector
     * with the configured {@link Attrition} through {@link #AttritionInjector(Attrition)}.
     */
    public AttritionInjector() {
        this(Attrition.defaults());
    }

    /**
     * Creates the injector; the runner builds it through Guice with the {@link Attrition} given to
     * {@code SimulationBuilder.attrition(...)}.
     *
     * @param config the attrition configuration
     */
    @Inject
    public AttritionInjector(Attrition config) {
        this.config = config;
    }

    /**
     * Waits a random pause (below the longest recovery delay, and at least 1 ns so that simulated time always
     * advances), then, if fewer than {@code maxDead} processes are down, reboots a random live one; until
     * chaos ends.
     *
     * @param ctx the fault context of this iteration
     * @throws InterruptedException if the injector task is interrupted while it waits
     */
    @Override
    public void inject(FaultContext ctx) throws Exception {
        long maxPause = Math.max(1, config.maxRecoveryDelay().toNanos());
        while (!ctx.chaosShutdown().isRequested()) {
            // never a zero pause: with a longest recovery delay of 1 ns every draw below it is 0, and a loop
            // that never sleeps keeps time from advancing (a livelock); the draw itself is unchanged, so
            // seeds replay as before except where a 0 was drawn
            ctx.time().sleep(Duration.ofNanos(Math.max(1, ctx.random().nextLong(maxPause))));
            if (ctx.chaosShutdown().isRequested()) {
                return;
            }
            if (config.scope() != FailureDomain.PROCESS) {
                rebootAUnit(ctx);
                continue;
            }
            List<InetAddress> live = new ArrayList<>();
            int dead = 0;
            for (InetAddress ip : ctx.processIps()) {
                if (ctx.isAlive(ip)) {
                    live.add(ip);
                } else if (!ctx.hasExited(ip)) {
                    dead++; // shutting down or waiting for its restart: maxDead is never exceeded
                }
            }
            // an exited process is down for good but not dead: it must not switch attrition off
            if (live.isEmpty() || dead >= config.maxDead()) {
                continue;
            }
            InetAddress victim = live.get(ctx.random().nextInt(live.size()));
            RebootKind kind = config.kindFor(ctx.random().nextDouble());
            ctx.reboot(victim, kind);
        }
    }

    /**
     * One decision of a scoped attrition: if fewer than {@code maxDead} units of the scope are dead (a unit is dead
     * while any of its processes is shutting down or awaiting its restart), reboots a random alive unit, every
     * live process of it at once. A unit neither dead nor alive (all its processes exited) is left alone.
     */
    private void rebootAUnit(FaultContext ctx) {
        FailureDomain scope = config.scope();
        List<String> alive = new ArrayList<>();
        int dead = 0;
        for (String id : ctx.topology().domains(scope)) {
            if (ctx.isAlive(scope, id)) {
                alive.add(id);
            } else if (anyDead(ctx, scope, id)) {
                dead++;
            }
        }
        if (alive.isEmpty() || dead >= config.maxDead()) {
            return;
        }
        String victim = alive.get(ctx.random().nextInt(alive.size()));
        RebootKind kind = config.kindFor(ctx.random().nextDouble());
        ctx.reboot(scope, victim, kind);
    }

    private static boolean anyDead(FaultContext ctx, FailureDomain scope, String id) {
        for (InetAddress ip : ctx.topology().ipsIn(scope, id)) {
            if (!ctx.isAlive(ip) && !ctx.hasExited(ip)) {
                return true;
            }
        }
        return false;
    }
}
