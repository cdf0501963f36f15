package io.moonpool.sim;

import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to a process in an iteration, in {@link RunResult#lifecycle()}.
 *
 * @param simTime when, in simulated time from the start of the iteration
 * @param ip      the process
 * @param kind    what happened
 * @param reboot  how it was rebooted, for {@link Kind#KILLED} (a graceful reboot is killed only past its grace
 *                period); empty otherwise
 */
public record LifecycleEntry(Duration simTime, InetAddress ip, Kind kind, Optional<RebootKind> reboot) {

    /** What happened to a process. */
    public enum Kind {
        /** A graceful reboot fired its {@code Shutdown}; its grace period began. */
        SHUTDOWN_BEGUN,
        /** Its grace period ended before it returned from {@code run}. */
        GRACE_PERIOD_OVER,
        /** It returned from {@code run} within its grace period. */
        SHUT_DOWN,
        /** Its tasks were stopped at once (a crash, or a graceful reboot past its grace period). */
        KILLED,
        /** Its disk was wiped (a crash-and-wipe). */
        WIPED,
        /** A fresh instance booted after the recovery delay. */
        RESTARTED,
        /** It returned from {@code run} on its own; it stays down for the rest of the iteration. */
        EXITED
    }

    /** Checks the components. */
    public LifecycleEntry {
        Objects.requireNonNull(simTime, "simTime");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reboot, "reboot");
    }

    /**
     * One line, as the report prints it: for example {@code t=PT5S 10.0.1.2 killed (CRASH)}.
     *
     * @return the line
     */
    @Override
    public String toString() {
        String what = switch (kind) {
            case SHUTDOWN_BEGUN -> "graceful shutdown begun";
            case GRACE_PERIOD_OVER -> "grace period over";
            case SHUT_DOWN -> "shut down gracefully";
            case KILLED ->
                "killed ("
                        + reboot.map(r -> r == RebootKind.GRACEFUL ? "GRACEFUL, past its grace period" : r.name())
                                .orElse("")
                        + ")";
            case WIPED -> "wiped";
            case RESTARTED -> "restarted";
            case EXITED -> "exited";
        };
        return "t=" + simTime + " " + ip.getHostAddress() + " " + what;
    }
}
