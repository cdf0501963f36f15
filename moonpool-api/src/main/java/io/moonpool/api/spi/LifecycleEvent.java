package io.moonpool.api.spi;

import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Something that happened to a process, published to every {@link ResourceInstance} through
 * {@link ResourceInstance#onLifecycle(LifecycleEvent)}.
 *
 * <p>Each kind of event is its own record and carries only what is true of it: only {@link Killed} has a
 * {@link RebootKind}, so no component is ever null. Within one reboot the events come in this order:
 * {@link ShutdownBegun} (graceful reboots only), {@link Killed}, {@link Wiped} (after
 * {@link RebootKind#CRASH_AND_WIPE} only), then {@link Restarted} when the fresh instance boots; a process
 * that returns from {@code run} on its own gets {@link Exited} and nothing after it.
 *
 * <p>What most resources need to know is answered here once, so that every plugin draws the same line:
 * {@link #processGone()} (its tasks are stopped: release what it held) and {@link #graceful()} (it ended
 * cleanly: flush and close with FIN rather than lose and reset). Switch over the records for anything finer.
 */
public sealed interface LifecycleEvent {

    /**
     * The process this event is about.
     *
     * @return its IP
     */
    InetAddress ip();

    /**
     * Whether the process's tasks are stopped by this event, so that a resource should release what it held
     * for it (close its connections, settle its open files): true for {@link Killed} and {@link Exited}.
     *
     * @return true when the process is gone
     */
    default boolean processGone() {
        return false;
    }

    /**
     * Whether the process is gone and ended cleanly: true for {@link Exited} and for a {@link Killed} at the
     * end of a {@link RebootKind#GRACEFUL} shutdown, false for a crash and for every event where the process
     * is not gone. A resource keeps what a clean end keeps (buffered writes, FIN on open connections).
     *
     * @return true when the process is gone and its end was clean
     */
    default boolean graceful() {
        return false;
    }

    /**
     * A graceful shutdown began: the process's shutdown signal fired, and it is killed at the end of its
     * grace period if it has not returned by then.
     *
     * @param ip the process
     */
    record ShutdownBegun(InetAddress ip) implements LifecycleEvent {

        /** Checks the components. */
        public ShutdownBegun {
            Objects.requireNonNull(ip, "ip");
        }
    }

    /**
     * The process's tasks were stopped: after a crash, or at the end of a graceful shutdown.
     *
     * @param ip   the process
     * @param kind the kind of the reboot that stopped it ({@link RebootKind#GRACEFUL} at the end of a graceful
     *             shutdown, whether the process returned or its grace period ran out)
     */
    record Killed(InetAddress ip, RebootKind kind) implements LifecycleEvent {

        /** Checks the components. */
        public Killed {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public boolean processGone() {
            return true;
        }

        @Override
        public boolean graceful() {
            return kind == RebootKind.GRACEFUL;
        }
    }

    /**
     * The process's storage must be deleted: it follows the {@link Killed} of a
     * {@link RebootKind#CRASH_AND_WIPE}.
     *
     * @param ip the process
     */
    record Wiped(InetAddress ip) implements LifecycleEvent {

        /** Checks the components. */
        public Wiped {
            Objects.requireNonNull(ip, "ip");
        }
    }

    /**
     * A fresh instance of the process booted at the same IP.
     *
     * @param ip the process
     */
    record Restarted(InetAddress ip) implements LifecycleEvent {

        /** Checks the components. */
        public Restarted {
            Objects.requireNonNull(ip, "ip");
        }
    }

    /**
     * The process returned from {@code run} on its own, not during a shutdown, and will not be restarted.
     *
     * @param ip the process
     */
    record Exited(InetAddress ip) implements LifecycleEvent {

        /** Checks the components. */
        public Exited {
            Objects.requireNonNull(ip, "ip");
        }

        @Override
        public boolean processGone() {
            return true;
        }

        @Override
        public boolean graceful() {
            return true;
        }
    }
}
