package io.moonpool.net.internal;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;

/** A bound address with a backlog of connections waiting to be accepted. */
final class SimListener implements Listener {

    private final SimNetwork net;
    private final InetSocketAddress local;
    final ArrayDeque<SimConnection> backlog = new ArrayDeque<>();
    boolean closed;
    private final Waiters accepters = new Waiters();

    /** The IP of the node that bound it (its own, even when {@code local} is a loopback address). */
    final InetAddress nodeIp;

    SimListener(SimNetwork net, InetSocketAddress local, InetAddress nodeIp) {
        this.net = net;
        this.local = local;
        this.nodeIp = nodeIp;
    }

    /**
     * Accepts as a server socket does. An interrupt while it blocks closes the listener, as the JDK closes a real
     * server socket whose virtual thread is interrupted in {@code accept}.
     */
    @Override
    public Connection accept() throws IOException {
        try {
            return acceptOpen();
        } catch (InterruptedIOException e) {
            close();
            throw e;
        }
    }

    private Connection acceptOpen() throws IOException {
        Blocking.await(net.kernel, () -> closed || !backlog.isEmpty(), accepters, this);
        if (closed) {
            throw new SocketException("Socket closed");
        }
        net.sleepForAccept(local.getAddress());
        if (net.buggify.fire(BuggifySites.ACCEPT_DELAY)) {
            Blocking.sleep(net.kernel, net.buggify.extraDelay());
        }
        if (closed) {
            throw new SocketException("Socket closed");
        }
        SimConnection c = backlog.poll();
        if (c == null) {
            // another task took it during the accept latency
            return acceptOpen();
        }
        net.kernel.timeline(TimelineEntries.ACCEPTED, c.route(), 0);
        return c;
    }

    void enqueue(SimConnection serverEnd) {
        backlog.add(serverEnd);
        accepters.wakeAll();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Stops listening; connections not yet accepted are reset. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SimConnection c : backlog) {
            c.abort();
        }
        backlog.clear();
        net.unbind(this);
        accepters.wakeAll();
    }

    @Override
    public String toString() {
        return "listener " + local;
    }
}
