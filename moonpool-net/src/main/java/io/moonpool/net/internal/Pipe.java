package io.moonpool.net.internal;

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
    final java.net.InetAddress from;
    final java.net.InetAddress to;
    final ArrayDeque<Piece> inFlight = new ArrayDeque<>();
    final ArrayDeque<byte[]> received = new ArrayDeque<>();
    int headOffset;
    long bufferedBytes;
    boolean finReceived;
    /** Reset (RST): reads and writes on either end throw "Connection reset". */
    boolean reset;
    /** Silently closed: nothing more is delivered. */
    boolean blackHole;
    long clogUntil;
    long lastAt;
    boolean pumpScheduled;
    final Waiters readers = new Waiters();
    /** The other direction of the same connection: a reset kills both. */
    Pipe twin;
    // one action for every delivery attempt of this pipe: no allocation per scheduled delivery
    private final Runnable scheduledPump = () -> {
        pumpScheduled = false;
        pump();
    };

    Pipe(SimNetwork net, java.net.InetAddress from, java.net.InetAddress to) {
        this.net = net;
        this.from = from;
        this.to = to;
    }

    void send(byte[] data, boolean fin, long at) {
        // later pieces never overtake earlier ones
        long when = Math.max(at, lastAt);
        lastAt = when;
        inFlight.add(new Piece(data, fin, false, when));
        pump();
    }

    /**
     * Sends a reset: what was not yet delivered is dropped, and the reset travels like any piece, so a
     * partitioned peer learns of it only when the partition heals.
     */
    void sendReset(long at) {
        inFlight.clear();
        lastAt = Math.max(at, lastAt);
        inFlight.add(new Piece(null, false, true, lastAt));
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
                net.kernel.schedule(ready - now, scheduledPump);
                return;
            }
            inFlight.poll();
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
                received.add(net.maybeFlip(head.data()));
                bufferedBytes += head.data().length;
            }
            readers.wakeAll();
        }
    }

    /** Drops everything in flight and buffered, and makes both ends fail with "Connection reset". */
    void resetNow() {
        reset = true;
        inFlight.clear();
        received.clear();
        bufferedBytes = 0;
        headOffset = 0;
        readers.wakeAll();
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
