package io.moonpool.net.internal;

import io.moonpool.net.NetworkConfig;

/**
 * The part of a pipe that bandwidth limits: what was written and the network has not yet taken, handed to it
 * one segment at a time (the model is {@link NetworkConfig.Bandwidth}'s). A segment goes through the
 * sender's card, the link and the receiver's card; the pipe then delivers it as any piece, at the end of its
 * last stage plus its write's latency. The next segment goes only once this one has left its first limited
 * stage, so that the connections through one card take turns.
 *
 * <p>A pipe gets one at its first write while a rate applies to it and keeps it; a pipe that never had one
 * (bandwidth off, a connection within a node) pays nothing. Queued pieces live in a ring of flat arrays, as
 * the pipe's marks do.
 */
final class Transmitter {

    private final Pipe pipe;
    private final SimNetwork net;
    private final Links.Stage egress;
    private final Links.Stage link;
    private final Links.Stage ingress;

    // queued pieces, oldest first: where each ends in the stream, its delivery latency, its kind (Pipe's)
    private long[] ends = new long[4];
    private long[] latencies = new long[4];
    private byte[] kinds = new byte[4];
    private int first;
    private int count;

    /** Where the bytes the network has taken end, in the stream: the rest of the queue is not yet sent. */
    private long taken;
    /** A segment is in its first limited stage: the next one waits for it to leave. */
    private boolean busy;

    /** When a scheduled resume after a hold (a clog, a partition) is due; one due at another time is stale. */
    private long resumeAt = -1;

    private final Runnable segmentLeft = this::segmentLeft;
    private final Runnable resume = this::resumeUnlessStale;

    Transmitter(Pipe pipe, long taken) {
        this.pipe = pipe;
        this.net = pipe.net;
        this.egress = net.links.egress(pipe.from);
        this.link = net.links.link(pipe.from, pipe.to);
        this.ingress = net.links.ingress(pipe.to);
        this.taken = taken;
    }

    /**
     * Whether a rate limits a pipe between these addresses: a card or the link has one, and the pipe leaves
     * its node (a loopback address, or a node's own address on both ends, never goes through a card).
     */
    static boolean limits(SimNetwork net, java.net.InetAddress from, java.net.InetAddress to) {
        return (net.nicRate(from) | net.nicRate(to) | net.linkRate(from, to)) != 0
                && !from.equals(to)
                && !from.isLoopbackAddress()
                && !to.isLoopbackAddress();
    }

    /** Whether something is queued or a segment is still in its first stage: the pipe counts as in flight. */
    boolean active() {
        return count > 0 || busy;
    }

    /** Whether pieces are queued behind the network: a FIN or a reset that follows them waits its turn. */
    boolean queued() {
        return count > 0;
    }

    /** Queues a piece ending at {@code end} in the stream, readable {@code latency} after it has passed. */
    void queue(byte kind, long end, long latency) {
        if (count == ends.length) {
            grow();
        }
        int i = (first + count) & (ends.length - 1);
        ends[i] = end;
        latencies[i] = latency;
        kinds[i] = kind;
        count++;
        net.updateInFlightList(pipe);
        pump();
    }

    /** The queue is dropped (an abort, a reset, a silent close): the network takes nothing more of it. */
    void drop(long tail) {
        count = 0;
        first = 0;
        taken = tail;
    }

    /**
     * Hands the network segments while no segment is in its first limited stage and nothing holds the pipe. A
     * clogged or partitioned pipe sends nothing, as a real sender backs off: its card serves other connections
     * meanwhile, and what it has queued goes once the hold ends (at its end, or when the chaos phase ends).
     */
    private void pump() {
        long now = net.kernel.now();
        while (count > 0 && !busy) {
            int i = first;
            long latency = latencies[i];
            byte kind = kinds[i];
            if (kind != Pipe.DATA) {
                pop();
                pipe.enqueue(kind, taken, Links.saturatedAdd(now, latency));
                continue;
            }
            long held = net.heldUntil(pipe, now);
            if (held > now) {
                if (held != resumeAt) {
                    resumeAt = held;
                    net.kernel.schedule(held - now, resume);
                }
                return;
            }
            // the rates are read at each segment, so that a node's configuration changed at run time applies
            long egressRate = net.nicRate(pipe.from);
            long linkRate = net.linkRate(pipe.from, pipe.to);
            long ingressRate = net.nicRate(pipe.to);
            boolean limited = (egressRate | linkRate | ingressRate) != 0;
            long end = limited ? Math.min(ends[i], taken + NetworkConfig.SEGMENT_BYTES) : ends[i];
            long bytes = end - taken;
            long t = now;
            long gate = -1;
            if (egressRate > 0) {
                t = egress.pass(t, bytes, egressRate);
                gate = t;
            }
            if (linkRate > 0) {
                t = link.pass(t, bytes, linkRate);
                gate = gate < 0 ? t : gate;
            }
            if (ingressRate > 0) {
                t = ingress.pass(t, bytes, ingressRate);
                gate = gate < 0 ? t : gate;
            }
            taken = end;
            if (end == ends[i]) {
                pop();
            }
            if (gate > now) {
                busy = true;
                net.kernel.schedule(gate - now, segmentLeft);
            }
            pipe.enqueue(Pipe.DATA, end, Links.saturatedAdd(t, latency));
        }
    }

    /** A hold was lifted before its end (the chaos phase ended): what is queued goes now. */
    void holdLifted() {
        resumeAt = -1;
        pump();
        net.updateInFlightList(pipe);
    }

    private void resumeUnlessStale() {
        if (net.kernel.now() == resumeAt) {
            resumeAt = -1;
            pump();
            net.updateInFlightList(pipe);
        }
    }

    /** The segment in its first stage has left it: the next one goes. */
    private void segmentLeft() {
        busy = false;
        pump();
        net.updateInFlightList(pipe);
    }

    private void pop() {
        first = (first + 1) & (ends.length - 1);
        count--;
    }

    private void grow() {
        int capacity = ends.length * 2;
        long[] e = new long[capacity];
        long[] l = new long[capacity];
        byte[] k = new byte[capacity];
        for (int n = 0; n < count; n++) {
            int i = (first + n) & (ends.length - 1);
            e[n] = ends[i];
            l[n] = latencies[i];
            k[n] = kinds[i];
        }
        ends = e;
        latencies = l;
        kinds = k;
        first = 0;
    }
}
