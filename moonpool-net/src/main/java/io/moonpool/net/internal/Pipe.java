package io.moonpool.net.internal;

import java.net.InetAddress;

/**
 * One direction of a connection: bytes written by one end, in flight, then buffered at the other end.
 * Delivery keeps order: pieces leave the in-flight queue one after another, each no earlier than its own
 * delivery time, and not while the pipe is clogged or the pair is partitioned.
 *
 * <p>The bytes live in one ring, addressed by their position in the stream: {@code [head, delivered)} is
 * readable, {@code [delivered, tail)} in flight. A piece in flight is a mark (where it ends, when it is due,
 * what it is) in a second ring of flat arrays. Once both rings have grown to the connection's backlog, a
 * write and its delivery allocate nothing.
 */
final class Pipe {

    static final byte DATA = 0;
    static final byte FIN = 1;
    static final byte RST = 2;

    final SimNetwork net;
    /** Writer to reader, as the timeline names this pipe. */
    final Route route;

    final InetAddress from;
    final InetAddress to;

    private byte[] bytes = new byte[0];
    private long head;
    private long delivered;
    private long tail;

    private long[] markEnd = new long[2];
    private long[] markAt = new long[2];
    private byte[] markKind = new byte[2];
    private int firstMark;
    private int marks;

    boolean finReceived;
    /** Reset (RST): reads and writes on either end throw "Connection reset". */
    boolean reset;
    /** Silently closed: nothing more is delivered. */
    boolean blackHole;
    /**
     * The receiving end is closed or reset: data that reaches it is dropped, and its stack answers with a
     * reset, as a real one does for a socket it no longer has.
     */
    boolean receiverClosed;
    /** A reset has been sent on this pipe: one is enough. */
    private boolean resetSent;

    long clogUntil;
    /** A bit flip on this connection (either direction) is cooling down until then: no flip is drawn before. */
    long bitFlipsFrom;
    /** What bandwidth has not yet sent, once a rate has applied to this pipe; null until then. */
    private Transmitter transmitter;

    private long lastAt;
    /** A delivery attempt is scheduled: until it runs, nothing else here delivers. */
    private boolean deliveryScheduled;
    /** When the scheduled delivery attempt is due; an attempt due at another time is stale. */
    private long deliveryDueAt = -1;

    final Waiters readers = new Waiters();
    /** Writers waiting for room, when flow control is on. */
    final Waiters writers = new Waiters();
    // the network's list of pipes with pieces in flight, linked through the pipes: no allocation, fixed order
    boolean listedInFlight;
    Pipe prevInFlight;
    Pipe nextInFlight;
    /** The other direction of the same connection: a reset kills both. */
    Pipe twin;
    // one action for every delivery attempt of this pipe: no allocation per scheduled delivery
    private final Runnable scheduledDelivery = this::deliverUnlessStale;

    Pipe(SimNetwork net, Route route) {
        this.net = net;
        this.route = route;
        this.from = route.from().getAddress();
        this.to = route.to().getAddress();
    }

    /** Bytes delivered and not yet read. */
    long buffered() {
        return delivered - head;
    }

    /**
     * How many more bytes a write may add now: flow control counts what is in flight and what is buffered
     * unread at the other end.
     */
    int room() {
        int limit = net.bufferBytes;
        return limit == 0 ? Integer.MAX_VALUE : (int) Math.max(0, limit - (tail - head));
    }

    /** Whether a piece (data, FIN or reset) is on its way, or waiting for bandwidth to send it. */
    boolean inFlight() {
        return marks > 0 || (transmitter != null && transmitter.active());
    }

    /** Sends a copy of {@code len} bytes, due at {@code at}. */
    void send(byte[] b, int off, int len, long at) {
        if (blackHole) {
            return;
        }
        if (transmitter == null && Transmitter.limits(net, from, to)) {
            transmitter = new Transmitter(this, tail);
        }
        ensureRoom(len);
        int mask = bytes.length - 1;
        int start = (int) (tail & mask);
        int first = Math.min(len, bytes.length - start);
        System.arraycopy(b, off, bytes, start, first);
        System.arraycopy(b, off + first, bytes, 0, len - first);
        tail += len;
        if (transmitter == null) {
            enqueue(DATA, tail, at);
        } else {
            transmitter.queue(DATA, tail, at - net.kernel.now());
        }
    }

    /** Sends the FIN that follows every byte sent before it. */
    void sendFin(long at) {
        enqueueAfterQueued(FIN, at);
    }

    /** Sends a FIN or reset behind what bandwidth has not yet sent, if anything, otherwise at once. */
    private void enqueueAfterQueued(byte kind, long at) {
        if (transmitter != null && transmitter.queued()) {
            transmitter.queue(kind, tail, at - net.kernel.now());
        } else {
            enqueue(kind, tail, at);
        }
    }

    /**
     * Sends a reset. With {@code dropQueued} (an abort, a connection broken by the network) what was not yet
     * delivered is dropped; otherwise (a stack answering data for a socket it no longer has) the reset
     * follows what is already on its way. Either way it travels like any piece, so a partitioned peer learns
     * of it only when the partition heals.
     */
    void sendReset(long at, boolean dropQueued) {
        if (resetSent || reset) {
            return;
        }
        resetSent = true;
        if (dropQueued) {
            dropInFlight();
        }
        enqueueAfterQueued(RST, at);
    }

    /**
     * Puts a piece's mark (it ends at {@code end} in the stream) at the end of the in-flight queue, no earlier
     * than the piece before it.
     */
    void enqueue(byte kind, long end, long at) {
        if (marks == markEnd.length) {
            growMarks();
        }
        // later pieces never overtake earlier ones
        long when = Math.max(at, lastAt);
        lastAt = when;
        int i = (firstMark + marks) & (markEnd.length - 1);
        markEnd[i] = end;
        markAt[i] = when;
        markKind[i] = kind;
        marks++;
        net.updateInFlightList(this);
        deliverDue();
    }

    /**
     * Delivers, in order, every piece that is due now and not held by a clog or a partition, and schedules
     * one attempt for when the first piece left is due. Does nothing while an attempt is already scheduled.
     */
    void deliverDue() {
        if (deliveryScheduled) {
            return;
        }
        long now = net.kernel.now();
        while (marks > 0 && !reset) {
            int i = firstMark;
            long ready = Math.max(markAt[i], net.heldUntil(this, now));
            if (ready > now) {
                deliveryScheduled = true;
                deliveryDueAt = ready;
                net.kernel.schedule(ready - now, scheduledDelivery);
                return;
            }
            byte kind = markKind[i];
            long end = markEnd[i];
            firstMark = (i + 1) & (markEnd.length - 1);
            marks--;
            net.updateInFlightList(this);
            if (blackHole) {
                continue; // silently closed: not even a reset gets through
            }
            if (kind == RST) {
                // what reached the receiver before the reset stays readable, as on Linux: reads return it, then
                // fail with "Connection reset"
                resetNow(true);
                twin.resetNow(false);
                return;
            }
            if (kind == FIN) {
                finReceived = true;
            } else if (end > delivered) {
                if (receiverClosed) {
                    long dropped = end - delivered;
                    head = end; // nobody reads them
                    delivered = end;
                    writers.wakeAll();
                    twin.sendReset(now + net.deliveryLatency(to, from), false);
                    net.kernel.timeline(TimelineEntries.RESET_SENT, route, dropped);
                    continue;
                }
                // while the connection cools down from a flip, nothing is drawn: no flip can strike
                int bit = bitFlipsFrom > now ? -1 : net.flippedBit(end - delivered, route);
                if (bit >= 0) {
                    int at = (int) ((delivered + bit / 8) & (bytes.length - 1));
                    bytes[at] ^= (byte) (1 << (bit % 8));
                    coolDownBitFlips(now);
                }
                net.traceData(bytes, delivered, end);
                net.kernel.timeline(TimelineEntries.DELIVERED, route, end - delivered);
                delivered = end;
            }
            readers.wakeAll();
        }
    }

    /** Starts the connection's bit-flip cooldown, both directions at once; a zero cooldown changes nothing. */
    private void coolDownBitFlips(long now) {
        java.time.Duration cooldown = net.config.bitFlips().cooldown();
        if (!cooldown.isZero()) {
            // validated at most 50 years: in nanoseconds without overflow
            long from = Links.saturatedAdd(now, cooldown.toNanos());
            bitFlipsFrom = from;
            twin.bitFlipsFrom = from;
        }
    }

    /** The scheduled attempt: runs unless it was superseded (dropped or re-scheduled) since it was made. */
    private void deliverUnlessStale() {
        if (net.kernel.now() == deliveryDueAt) {
            deliveryScheduled = false;
            deliverDue();
        }
    }

    /** Delivers now what a clog or a partition held back, once both have been lifted. */
    void deliverHeld() {
        deliveryScheduled = false;
        deliveryDueAt = -1;
        deliverDue();
        if (transmitter != null) {
            transmitter.holdLifted();
        }
    }

    /**
     * Drops everything in flight, and what was received unless {@code keepReceived}, and makes both ends fail
     * with "Connection reset" (reads once what was kept is read).
     */
    void resetNow(boolean keepReceived) {
        reset = true;
        dropInFlight();
        if (!keepReceived) {
            dropReceived();
        }
        readers.wakeAll();
        writers.wakeAll();
    }

    /** Stops delivering for good: what is in flight is lost, and so is whatever is sent later. */
    void blackHole() {
        blackHole = true;
        dropInFlight();
    }

    private void dropInFlight() {
        tail = delivered;
        marks = 0;
        if (transmitter != null) {
            transmitter.drop(tail);
        }
        // nothing left to deliver: a pending attempt is stale, and the next piece must not wait for it
        deliveryScheduled = false;
        deliveryDueAt = -1;
        net.updateInFlightList(this);
        writers.wakeAll();
    }

    /** Drops what the receiving end has buffered but not read: it has gone. */
    void dropReceived() {
        head = delivered;
        writers.wakeAll();
    }

    /** Copies up to {@code len} buffered bytes; returns how many. */
    int take(byte[] b, int off, int len) {
        int n = (int) Math.min(len, buffered());
        int mask = bytes.length - 1;
        int start = (int) (head & mask);
        int first = Math.min(n, bytes.length - start);
        System.arraycopy(bytes, start, b, off, first);
        System.arraycopy(bytes, 0, b, off + first, n - first);
        head += n;
        if (n > 0 && net.bufferBytes > 0) {
            writers.wakeAll();
        }
        return n;
    }

    /** Makes room for {@code len} more bytes: the ring doubles, keeping every byte at its stream position. */
    private void ensureRoom(int len) {
        long needed = tail - head + len;
        if (needed <= bytes.length) {
            return;
        }
        if (needed > 1 << 30) {
            throw new IllegalStateException("more than 1 GiB buffered on one simulated connection (" + from + " to "
                    + to + "): the reader is not keeping up");
        }
        int capacity = Math.max(64, Integer.highestOneBit((int) needed - 1) << 1);
        byte[] grown = new byte[capacity];
        for (long p = head; p < tail; ) {
            int src = (int) (p & (bytes.length - 1));
            int dst = (int) (p & (capacity - 1));
            int n = (int) Math.min(tail - p, Math.min(bytes.length - src, capacity - dst));
            System.arraycopy(bytes, src, grown, dst, n);
            p += n;
        }
        bytes = grown;
    }

    private void growMarks() {
        int capacity = markEnd.length * 2;
        long[] ends = new long[capacity];
        long[] ats = new long[capacity];
        byte[] kinds = new byte[capacity];
        for (int k = 0; k < marks; k++) {
            int i = (firstMark + k) & (markEnd.length - 1);
            ends[k] = markEnd[i];
            ats[k] = markAt[i];
            kinds[k] = markKind[i];
        }
        markEnd = ends;
        markAt = ats;
        markKind = kinds;
        firstMark = 0;
    }

    @Override
    public String toString() {
        return "pipe " + from.getHostAddress() + " -> " + to.getHostAddress() + " (" + buffered() + " buffered, "
                + marks + " in flight" + (reset ? ", reset" : "") + ")";
    }
}
