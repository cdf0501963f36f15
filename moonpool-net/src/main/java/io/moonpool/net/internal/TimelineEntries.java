package io.moonpool.net.internal;

/**
 * What the network writes into the iteration's timeline: one constant per kind of entry, so that no string is
 * built on the delivery path. A subject is a {@link Route} (a connection end or a pipe: addresses only) or a
 * cut (its IPs); a value is a byte count or a duration, as each constant says.
 */
final class TimelineEntries {

    /** A connect succeeded: subject the client end; value 0. */
    static final String OPENED = "connection opened";

    /** An accept returned a connection: subject the server end; value 0. */
    static final String ACCEPTED = "connection accepted";

    /** An end sent its FIN (close or shutdownOutput): subject that end; value 0. */
    static final String CLOSED = "connection closed (FIN)";

    /**
     * An end sent a reset (an abort, a crashed process, a random close, a partition that resets): subject
     * that end; value 0.
     */
    static final String RESET = "connection reset (RST)";

    /** A piece of data became readable: subject the pipe (writer to reader); value its bytes. */
    static final String DELIVERED = "bytes delivered";

    /** An injector cut a pair of nodes: subject the cut; value how long it lasts, in nanoseconds. */
    static final String PARTITION_MADE = "partition made";

    /**
     * An injector cut one direction between two nodes: subject the direction held, {@code 10.0.0.1 -> 10.0.1.1};
     * value how long it lasts, in nanoseconds.
     */
    static final String CUT_MADE = "one-way cut made";

    /**
     * An injector cut everything a node sends: subject {@code 10.0.1.1 -> *}; value how long it lasts, in
     * nanoseconds.
     */
    static final String SEND_ISOLATION_MADE = "send isolation made";

    /**
     * An injector cut everything sent to a node: subject {@code * -> 10.0.1.1}; value how long it lasts, in
     * nanoseconds.
     */
    static final String RECEIVE_ISOLATION_MADE = "receive isolation made";

    /**
     * An injector cut a group of nodes from the rest, both directions: subject {@code {10.0.1.1, 10.0.1.2} -/- *};
     * value how long it lasts, in nanoseconds.
     */
    static final String GROUP_CUT_MADE = "group cut made";

    /**
     * An injector healed a pair before its cuts' time: subject the pair, {@code 10.0.0.1 -/- 10.0.1.1}; value how
     * many cuts stopped holding it (0: nothing cut the pair).
     */
    static final String HEALED = "cuts healed";

    /** An injector healed every cut before its time: subject null; value how many cuts were in force. */
    static final String ALL_HEALED = "all cuts healed";

    /**
     * A cut (of any kind: a partition, a one-way cut, an isolation) was lifted before its time, at the end of
     * the chaos phase: subject the cut, as its made entry shows it; value 0. One that
     * runs its course is over at its made entry's time plus its length, with no entry of its own, since no event
     * of the simulation happens then.
     */
    static final String PARTITION_LIFTED = "partition lifted";

    /**
     * A connection's pipe was clogged (by an injector or a clogging fault at a write): subject the pipe; value
     * how long it lasts, in nanoseconds.
     */
    static final String CLOG_MADE = "clog made";

    /**
     * Clogs were lifted at the end of the chaos phase: subject null; value how many pipes with data in flight
     * were still clogged (an idle clogged pipe simply stops counting as clogged).
     */
    static final String CLOGS_LIFTED = "clogs lifted";

    static final String RESET_SENT = "connection reset (RST) sent: data reached a closed receiver";
    static final String SHORT_READ = "short read";
    static final String SPLIT_WRITE = "write split";
    static final String SILENT_CLOSE = "connection closed silently by the network";
    static final String NETWORK_RESET = "connection reset by the network";
    static final String SLOW_TAIL = "slow latency (factor)";
    static final String BIT_FLIP = "bit flipped (bit)";
    static final String CONNECT_REFUSED = "connect refused";
    static final String CONNECT_TIMED_OUT = "connect timed out";

    /**
     * A node's reconfiguration ({@code FaultContext.reconfigure}) was undone, its duration over or the chaos
     * phase ended (one replaced by another ends with no entry of its own): subject {@code "<ip> network"},
     * value 0.
     */
    static final String RECONFIGURATION_ENDED = "reconfiguration ended";

    private TimelineEntries() {}
}
