package io.moonpool.storage.internal;

/**
 * What the storage writes into the iteration's timeline: one constant per kind of entry. The subject of a
 * task's entry is a file's path as the disk normalised it (the name it was opened by, for a channel's
 * entries), the task's node being the disk's; a crash's entries are written from the kernel thread, so their
 * subject is a {@link FileOnDisk}, which names the IP too. The value is what each constant says.
 */
final class TimelineEntries {

    /** A write reached the file (not yet durable): value its bytes. */
    static final String WRITE = "disk write";

    /** A force made a file's data durable: value 0. */
    static final String FORCE = "disk force";

    /** A force failed (a sync-failure fault): nothing written since the last force is durable; value 0. */
    static final String FORCE_FAILED = "disk force failed";

    /** A directory sync made the namespace durable: subject null; value 0. */
    static final String SYNC = "disk sync";

    /** A crash kept every unforced write of a file: value how many writes. */
    static final String CRASH_KEPT = "crash kept unforced writes";

    /** A crash lost every unforced write of a file: value how many writes were lost. */
    static final String CRASH_LOST = "crash lost unforced writes";

    /**
     * A crash kept a prefix of a file's unforced writes and tore the next one at a sector boundary: value how
     * many writes did not survive whole.
     */
    static final String CRASH_TORN = "crash tore unforced writes";

    /** A crash lost a file whose name was never made durable (by a force or a directory sync): value 0. */
    static final String CRASH_LOST_FILE = "crash lost file";

    /** A crash-and-wipe emptied the disk: subject the IP; value how many files it held. */
    static final String WIPED = "disk wiped";

    static final String STALL = "disk stall";
    static final String THROTTLE = "disk throttle";
    static final String SYNC_FAILED = "directory sync failed";
    static final String MISDIRECTED_READ = "read misdirected";
    static final String MISDIRECTED_WRITE = "write misdirected";
    static final String CORRUPTED_READ = "read corrupted";
    static final String CORRUPTED_WRITE = "write corrupted";
    static final String PHANTOM_WRITE = "phantom write";

    /**
     * A reconfiguration of a disk ({@code FaultContext.reconfigure}) was undone, its duration over or the
     * chaos phase ended (one replaced by another ends with no entry of its own): subject
     * {@code "<ip> storage"}, value 0.
     */
    static final String RECONFIGURATION_ENDED = "reconfiguration ended";

    private TimelineEntries() {}
}
