package io.moonpool.api.fault;

/**
 * How a process is rebooted.
 */
public enum RebootKind {
    /**
     * The process's {@link io.moonpool.api.Shutdown} fires; it has a grace period to return from
     * {@code run}, after which it is killed. Its connections close with FIN; everything written to storage
     * is kept.
     */
    GRACEFUL,
    /**
     * The process's tasks stop at once: none of its code runs again in that life. Connections reset; data
     * not forced to storage may be lost or torn.
     */
    CRASH,
    /** A crash, then all storage of that IP is deleted; other IPs' storage is untouched. */
    CRASH_AND_WIPE
}
