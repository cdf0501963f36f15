package io.moonpool.net.internal;

import java.net.InetAddress;
import java.util.ArrayDeque;

/**
 * One direction of a connection: bytes written by one end, in flight, then buffered at the other end.
 * Delivery keeps order: pieces leave the in-flight queue one after another, each no earlier than its own
 * delivery time, and not while the pipe is clogged or the pair is partitioned.
 */
final class Pipe {

    /** A piece in flight: data, the FIN that follows all data, or a reset (RST). */
    record Piece(byte[] data, boolean fin, boolean rst, long at) {
    }

    final SimNetwork net;
    final InetAddress from;
    final InetAddress to;
    final ArrayDeque<Piece> inFlight = new ArrayDeque<>();
    final ArrayDeque<byte[]> received = new ArrayDeque<>();
    int headOffset;
    long bufferedBytes;
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
    boolean resetSent;
    long clogUntil;
    long lastAt;
    boolean pumpScheduled;
    /** When the scheduled delivery attempt is due; an attempt due at another time is stale. */
    private long pumpDue = -1;
    final Waiters readers = new Waiters();
    // the network's list of pipes with pieces in flight, linked through the pipes: no allocation, fixed order
    boolean busy;
    Pipe prevBusy;
    Pipe nextBusy;
    /** The other direction of the same connection: a reset kills both. */
    Pipe twin;
    // one action for every delivery attempt of this pipe: no allocation per scheduled delivery
    private final Runnable scheduledPump = this::pumpIfDue;

    Pipe(SimNetwork net, InetAddress from, InetAddress to) {
        this.net = net;
        this.from = from;
        this.to = to;
    }

    void send(byte[] data, boolean fin, long at) {
        enqueue(data, fin, false, at);
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
            inFlight.clear();
        }
        enqueue(null, false, true, at);
    }

    private void enqueue(byte[] data, boolean fin, boolean rst, long at) {
        // later pieces never overtake earlier ones
        long when = Math.max(at, lastAt);
        lastAt = when;
        inFlight.add(new Piece(data, fin, rst, when));
        net.inFlightChanged(this);
        pump();
    }

    /** Delivers whatever may be delivered now and schedules the next attempt. */
    void pump() {
        if (pumpScheduled) {
            return;
        }
        long now = net.kernel.now();
        while (!inFlight.isEmpty() && !reset) {
            Piece head = inFlight.peek();
            long ready = Math.max(head.at(), Math.max(clogUntil, net.partitionEnd(from, to, now)));
            if (ready > now) {
                pumpScheduled = true;
                pumpDue = ready;
                net.kernel.schedule(ready - now, scheduledPump);
                return;
            }
            inFlight.poll();
            net.inFlightChanged(this);
            if (head.rst()) {
                resetNow();
                twin.resetNow();
                return;
            }
            if (blackHole) {
                continue;
            }
            if (head.fin()) {
                finReceived = true;
            } else if (head.data().length > 0) {
                if (receiverClosed) {
                    twin.sendReset(now + net.deliveryLatency(to, from), false);
                    continue;
                }
                received.add(net.maybeFlip(head.data()));
                bufferedBytes += head.data().length;
            }
            readers.wakeAll();
        }
    }

    private void pumpIfDue() {
        if (net.kernel.now() == pumpDue) {
            pumpScheduled = false;
            pump();
        }
    }

    /** Delivers now what a clog or a partition held back, once both have been lifted. */
    void retryNow() {
        pumpScheduled = false;
        pumpDue = -1;
        pump();
    }

    /** Drops everything in flight and buffered, and makes both ends fail with "Connection reset". */
    void resetNow() {
        reset = true;
        inFlight.clear();
        net.inFlightChanged(this);
        received.clear();
        bufferedBytes = 0;
        headOffset = 0;
        readers.wakeAll();
    }

    /** Drops what the receiving end has buffered but not read: it has gone. */
    void dropReceived() {
        received.clear();
        bufferedBytes = 0;
        headOffset = 0;
    }

    /** Copies up to {@code len} buffered bytes; returns how many. */
    int take(byte[] b, int off, int len) {
        int copied = 0;
        while (copied < len && !received.isEmpty()) {
            byte[] head = received.peek();
            int n = Math.min(len - copied, head.length - headOffset);
            System.arraycopy(head, headOffset, b, off + copied, n);
            copied += n;
            headOffset += n;
            if (headOffset == head.length) {
                received.poll();
                headOffset = 0;
            }
        }
        bufferedBytes -= copied;
        return copied;
    }
}
