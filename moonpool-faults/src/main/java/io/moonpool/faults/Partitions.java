package io.moonpool.faults;

import io.moonpool.api.fault.FaultContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the partition injectors share: pauses and durations drawn from the simulation stream. */
final class Partitions {

    static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    static final Duration MIN_CUT = Duration.ofSeconds(1);
    static final Duration MAX_CUT = Duration.ofSeconds(10);

    private Partitions() {}

    /** Sleeps a random pause; false if chaos ended meanwhile. */
    static boolean pause(FaultContext ctx) throws InterruptedException {
        ctx.time().sleep(Duration.ofNanos(ctx.random().nextLong(MAX_PAUSE.toNanos())));
        return !ctx.chaosShutdown().isRequested();
    }

    static Duration cut(FaultContext ctx) {
        return Duration.ofNanos(ctx.random().nextLong(MIN_CUT.toNanos(), MAX_CUT.toNanos() + 1));
    }

    /** Cuts every pair across two groups. */
    static void split(FaultContext ctx, List<InetAddress> side, List<InetAddress> rest, Duration d) {
        for (InetAddress a : side) {
            for (InetAddress b : rest) {
                ctx.partition(a, b, d);
            }
        }
    }

    /**
     * Cuts every pair across two groups in one direction, drawn once for the round: from {@code side} to
     * {@code rest}, or from {@code rest} to {@code side}.
     */
    static void splitOneWay(FaultContext ctx, List<InetAddress> side, List<InetAddress> rest, Duration d) {
        boolean sideSends = ctx.random().nextBoolean();
        for (InetAddress a : side) {
            for (InetAddress b : rest) {
                if (sideSends) {
                    ctx.cut(a, b, d);
                } else {
                    ctx.cut(b, a, d);
                }
            }
        }
    }

    /** The processes other than {@code ip}, in order. */
    static List<InetAddress> others(FaultContext ctx, InetAddress ip) {
        List<InetAddress> others = new ArrayList<>(ctx.processIps());
        others.remove(ip);
        return others;
    }

    /** Cuts one random domain of a level from the rest for a random while, round after round, until chaos ends. */
    static void cutDomains(FaultContext ctx, io.moonpool.api.FailureDomain level) throws InterruptedException {
        List<String> ids = ctx.topology().domains(level);
        while (ids.size() >= 2 && pause(ctx)) {
            ctx.partition(level, ids.get(ctx.random().nextInt(ids.size())), cut(ctx));
        }
    }

    /**
     * Takes a random minority out of {@code rest} (fewer than half; one of two, when there are only two) and
     * returns it, leaving the majority in {@code rest}: the split both split injectors make.
     */
    static List<InetAddress> drawMinority(FaultContext ctx, List<InetAddress> rest) {
        int minority = 1 + ctx.random().nextInt(Math.max(1, (rest.size() - 1) / 2));
        List<InetAddress> side = new ArrayList<>();
        for (int i = 0; i < minority && rest.size() > 1; i++) {
            side.add(rest.remove(ctx.random().nextInt(rest.size())));
        }
        return side;
    }
}
