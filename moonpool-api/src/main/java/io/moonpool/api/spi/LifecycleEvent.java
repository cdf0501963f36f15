package io.moonpool.api.spi;

import io.moonpool.api.fault.RebootKind;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Something that happened to a process, published to every {@link ResourceInstance}.
 *
 * @param kind   what happened
 * @param ip     the process
 * @param reboot the kind of the reboot that caused it ({@link RebootKind#GRACEFUL} for a shutdown begun,
 *               the killing kind for {@link Kind#KILLED} and {@link Kind#WIPED}); null for
 *               {@link Kind#RESTARTED} and {@link Kind#EXITED}
 */
public record LifecycleEvent(Kind kind, InetAddress ip, RebootKind reboot) {

    /** The lifecycle events, in the order they can occur within one reboot. */
    public enum Kind {
        /** A graceful shutdown began: the process's shutdown signal fired. */
        SHUTDOWN_BEGUN,
        /** The process's tasks were stopped: after a crash, or at the end of a graceful shutdown. */
        KILLED,
        /** The process's storage must be deleted (after {@link RebootKind#CRASH_AND_WIPE}). */
        WIPED,
        /** A fresh instance of the process booted at the same IP. */
        RESTARTED,
        /** The process returned from {@code run} on its own and will not be restarted. */
        EXITED
    }

    /** Checks the components. */
    public LifecycleEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ip, "ip");
    }
}
