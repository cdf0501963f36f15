package io.moonpool.net.internal;

import io.moonpool.api.Connection;
import io.moonpool.net.NetworkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;

/**
 * One end of a simulated connection: it reads from {@code in} and writes to {@code out}; the peer end holds
 * the same two pipes the other way round.
 */
final class SimConnection implements Connection {

    private final SimNetwork net;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    /** Local to remote, as the timeline names this end. */
    private final Route route;

    final Pipe in;
    final Pipe out;
    /** The other end of the connection. */
    SimConnection peer;
    /** A client end: its local port is an ephemeral port of its own, free again once it is closed. */
    boolean ownsLocalPort;
    /** The IP of the node this end belongs to (its own, even when its addresses are loopback ones). */
    InetAddress nodeIp;
    /** Links of the node's list of open ends ({@link NodeConnections}), and whether this end is on it. */
    SimConnection prevOnNode;

    SimConnection nextOnNode;
    boolean onNode;

    private boolean closed;
    /** Broken by the network (a random close, a partition that resets): "Connection reset", not "closed". */
    private boolean broken;

    private boolean outputShut;
    /** The two nodes of this connection, for the random-close cooldown; made at the first write that asks. */
    private CloseCooldowns.NodePair nodePair;

    private final InputStream input = new Input();
    private final java.util.function.BooleanSupplier readable;
    private final java.util.function.BooleanSupplier writable;
    private final OutputStream output = new Output();

    SimConnection(SimNetwork net, InetSocketAddress local, InetSocketAddress remote, Pipe in, Pipe out) {
        this.net = net;
        this.local = local;
        this.remote = remote;
        this.route = new Route(local, remote);
        this.in = in;
        this.out = out;
        this.readable = () -> closed || broken || in.reset || in.buffered() > 0 || in.finReceived;
        this.writable = () -> closed || broken || out.reset || out.room() > 0;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void shutdownOutput() throws IOException {
        ensureOpen();
        if (!outputShut) {
            outputShut = true;
            out.sendFin(net.kernel.now() + net.deliveryLatency(local.getAddress(), remote.getAddress()));
            net.kernel.timeline(TimelineEntries.CLOSED, route, 0);
        }
    }

    /** Local to remote: what the timeline names this end. */
    Route route() {
        return route;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!outputShut && !out.reset && !broken) {
            outputShut = true;
            out.sendFin(net.kernel.now() + net.deliveryLatency(local.getAddress(), remote.getAddress()));
            net.kernel.timeline(TimelineEntries.CLOSED, route, 0);
        }
        closed = true;
        stopReceiving();
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        out.sendReset(net.kernel.now() + net.deliveryLatency(local.getAddress(), remote.getAddress()), true);
        net.kernel.timeline(TimelineEntries.RESET, route, 0);
        stopReceiving();
    }

    /**
     * The network breaks this connection: this end fails with "Connection reset" from now on, and the peer
     * does when the reset reaches it.
     */
    void breakByNetwork() {
        if (closed || broken) {
            return;
        }
        broken = true;
        out.sendReset(net.kernel.now() + net.deliveryLatency(local.getAddress(), remote.getAddress()), true);
        net.kernel.timeline(TimelineEntries.RESET, route, 0);
        stopReceiving();
    }

    /** This end reads no more: what it buffered is dropped, and data still arriving draws a reset. */
    private void stopReceiving() {
        in.receiverClosed = true;
        in.dropReceived();
        in.readers.wakeAll();
        out.writers.wakeAll();
        net.removeConnection(this);
    }

    /** Closes because the owning process went away: FIN when graceful, RST when it crashed. */
    void processGone(boolean graceful) {
        if (graceful) {
            close();
        } else {
            abort();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
        if (broken || in.reset || out.reset) {
            throw new SocketException("Connection reset");
        }
    }

    /**
     * Reads as a socket does. An interrupt while it blocks (a {@code Time.timeout}, a cancel) closes the
     * connection, as the JDK closes a real socket whose virtual thread is interrupted in a blocking call.
     */
    int read(byte[] b, int off, int len) throws IOException {
        try {
            return readOpen(b, off, len);
        } catch (InterruptedIOException e) {
            close();
            throw e;
        }
    }

    /** Writes as a socket does; an interrupt while it blocks closes the connection, as {@link #read} says. */
    void write(byte[] b, int off, int len) throws IOException {
        try {
            writeOpen(b, off, len);
        } catch (InterruptedIOException e) {
            close();
            throw e;
        }
    }

    private int readOpen(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed || in.buffered() == 0) {
            ensureOpen(); // bytes received before a reset are read first, as on Linux
        }
        if (len == 0) {
            return 0;
        }
        if (!readable.getAsBoolean()) {
            Blocking.await(net.kernel, readable, in.readers, this);
            if (closed || in.buffered() == 0) {
                ensureOpen();
            }
        }
        if (in.buffered() > 0) {
            int n = (int) Math.min(len, in.buffered());
            if (n > 1 && net.kernel.strikes(config().partialIo().probability())) {
                n = 1 + net.random().nextInt(n);
                net.trace(TraceSalts.SHORT_READ ^ n);
                net.kernel.fault(TimelineEntries.SHORT_READ, route, n);
            } else if (n > 1 && net.buggify.fire(BuggifySites.READ_SHORT)) {
                n = 1 + net.buggify.nextInt(n - 1); // strictly fewer than there are
                net.trace(TraceSalts.SHORT_READ ^ n);
            }
            return in.take(b, off, n);
        }
        return -1;
    }

    private void writeOpen(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (outputShut) {
            throw new SocketException("Socket output is shutdown");
        }
        net.sleepForWrite(local.getAddress());
        ensureOpen();
        if (len == 0) {
            return;
        }
        NetworkConfig config = config();
        // while the pair cools down from a random close, nothing is drawn: no close can strike
        if (!net.closeCooldowns.cooling(this, net.kernel.now())
                && net.kernel.strikes(config.randomClose().probability())) {
            net.closeCooldowns.struck(this, net.kernel.now());
            if (net.random().nextDouble() < config.randomClose().silentShare()) {
                net.trace(TraceSalts.SILENT_CLOSE);
                net.kernel.fault(TimelineEntries.SILENT_CLOSE, route, 0);
                out.blackHole();
                in.blackHole();
            } else {
                // as if a reset arrived: this end fails now, the peer when the reset reaches it
                net.trace(TraceSalts.RANDOM_RESET);
                net.kernel.fault(TimelineEntries.NETWORK_RESET, route, 0);
                breakByNetwork();
                throw new SocketException("Connection reset");
            }
        }
        if (net.kernel.strikes(config.clogging().probability())) {
            out.clogUntil = Math.max(out.clogUntil, net.kernel.now() + net.clogDuration(config));
            net.trace(TraceSalts.WRITE_CLOG ^ out.clogUntil);
            net.kernel.fault(TimelineEntries.CLOG_MADE, out.route, out.clogUntil - net.kernel.now());
        }
        // with flow control, as much as there is room for, then wait for the reader to make more
        int done = 0;
        while (done < len) {
            int room = out.room();
            if (room == 0) {
                Blocking.await(net.kernel, writable, out.writers, this);
                ensureOpen();
                if (outputShut) {
                    throw new SocketException("Socket output is shutdown");
                }
                continue;
            }
            int n = Math.min(len - done, room);
            sendPieces(b, off + done, n);
            done += n;
        }
    }

    /**
     * Sends bytes as one piece, or as a few when the partial-I/O fault strikes (each piece with a latency of its
     * own) or the short-write site fires (the pieces after the first follow it by an extra delay each, drawn,
     * like the split, from the buggify amounts: nothing from the simulation stream).
     */
    private void sendPieces(byte[] b, int off, int len) {
        if (len > 1 && net.kernel.strikes(config().partialIo().probability())) {
            int pieces = 2 + net.random().nextInt(Math.min(3, len - 1));
            net.kernel.fault(TimelineEntries.SPLIT_WRITE, route, pieces);
            int start = 0;
            for (int i = 0; i < pieces; i++) {
                int end = i == pieces - 1 ? len : start + 1 + net.random().nextInt(len - start - (pieces - i - 1));
                net.trace(TraceSalts.SPLIT_WRITE ^ end);
                out.send(b, off + start, end - start, net.kernel.now() + dataLatency());
                start = end;
            }
        } else if (len > 1 && net.buggify.fire(BuggifySites.WRITE_SHORT)) {
            int pieces = 2 + net.buggify.nextInt(Math.min(3, len - 1));
            long at = net.kernel.now() + dataLatency();
            int start = 0;
            for (int i = 0; i < pieces; i++) {
                int end = i == pieces - 1 ? len : start + 1 + net.buggify.nextInt(len - start - (pieces - i - 1));
                net.trace(TraceSalts.SPLIT_WRITE ^ end);
                out.send(b, off + start, end - start, at);
                at += net.buggify.extraDelay();
                start = end;
            }
        } else {
            out.send(b, off, len, net.kernel.now() + dataLatency());
        }
    }

    /** The two nodes of this connection, as the random-close cooldown names them. */
    CloseCooldowns.NodePair nodePair() {
        if (nodePair == null) {
            nodePair = CloseCooldowns.NodePair.of(nodeIp, peer.nodeIp);
        }
        return nodePair;
    }

    /** The configuration of this end's node: the network's, or its reconfiguration's while one lasts. */
    private NetworkConfig config() {
        return net.configOf(local.getAddress());
    }

    private long dataLatency() {
        return net.dataLatency(local.getAddress(), remote.getAddress());
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = SimConnection.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return SimConnection.this.read(b, off, len);
        }

        @Override
        public int available() {
            return closed || broken || in.reset ? 0 : (int) Math.min(Integer.MAX_VALUE, in.buffered());
        }

        @Override
        public void close() {
            SimConnection.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            SimConnection.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            SimConnection.this.write(b, off, len);
        }

        @Override
        public void close() {
            SimConnection.this.close();
        }
    }

    /** Local to remote, addresses only: {@code 10.0.0.1:40001 -> 10.0.1.1:4500}. */
    @Override
    public String toString() {
        return route.toString();
    }
}
