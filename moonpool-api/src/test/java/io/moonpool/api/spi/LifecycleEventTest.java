package io.moonpool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The one place that decides which events end a process, and which of those ends are clean. */
class LifecycleEventTest {

    private static final InetAddress IP = InetAddress.getLoopbackAddress();

    @Test
    void onlyKillsAndExitsEndTheProcess() {
        assertFalse(new LifecycleEvent.ShutdownBegun(IP).processGone(), "a shutdown has only begun");
        assertFalse(new LifecycleEvent.Wiped(IP).processGone(), "the kill before it ended the process");
        assertFalse(new LifecycleEvent.Restarted(IP).processGone());
        assertTrue(new LifecycleEvent.Exited(IP).processGone());
        for (RebootKind kind : RebootKind.values()) {
            assertTrue(new LifecycleEvent.Killed(IP, kind).processGone(), kind::toString);
        }
    }

    @Test
    void anEndIsCleanAfterAGracefulShutdownOrAnExitOnly() {
        assertTrue(new LifecycleEvent.Killed(IP, RebootKind.GRACEFUL).graceful());
        assertFalse(new LifecycleEvent.Killed(IP, RebootKind.CRASH).graceful());
        assertFalse(new LifecycleEvent.Killed(IP, RebootKind.CRASH_AND_WIPE).graceful());
        assertTrue(new LifecycleEvent.Exited(IP).graceful());
        assertFalse(new LifecycleEvent.ShutdownBegun(IP).graceful(), "graceful implies gone");
    }

    @Test
    void noComponentMayBeNull() {
        assertThrows(NullPointerException.class, () -> new LifecycleEvent.Killed(IP, null));
        NullPointerException e = assertThrows(NullPointerException.class, () -> new LifecycleEvent.Exited(null));
        assertEquals("ip", e.getMessage());
    }
}
