package io.moonpool.runtime.internal;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The {@link Network} of a node: real TCP from the node's IP, with the simulated network's exceptions for the
 * same cases.
 */
public final class TcpNetwork implements Network {

    /** The backlog of a listener, as Linux's default {@code somaxconn}. */
    private static final int BACKLOG = 4096;

    private final NodeLife life;
    private final Set<InetAddress> nodeIps;

    /**
     * The network of a node.
     *
     * @param life the node
     * @param nodeIps every node's IP in the topology
     */
    public TcpNetwork(NodeLife life, Set<InetAddress> nodeIps) {
        this.life = life;
        this.nodeIps = Set.copyOf(nodeIps);
    }

    /**
     * Whether an address is this machine's loopback as a node may use it: a loopback address that is no node's
     * IP (on one machine, nodes at 127.0.0.x share the loopback, and another node's address is not this one's).
     */
    private boolean ownLoopback(InetAddress ip) {
        return ip.isLoopbackAddress() && !nodeIps.contains(ip);
    }

    @Override
    public Listener bind(InetSocketAddress local) throws IOException {
        InetSocketAddress requested = resolved(local, "bind(local)", "local");
        InetAddress ip = requested.getAddress();
        InetAddress own = life.ip();
        if (ip.isAnyLocalAddress()) {
            ip = own;
        }
        // the machine's loopback, as in simulation, for sidecars and local clients (shared by every node of
        // this machine, where each simulated node has its own)
        if (!ip.equals(own) && !ownLoopback(ip)) {
            throw new BindException("Cannot assign requested address: " + ip.getHostAddress() + " is not this node's"
                    + " address (" + own.getHostAddress() + ") nor a loopback address (127.0.0.1)");
        }
        InetSocketAddress address = new InetSocketAddress(ip, requested.getPort());
        ServerSocket server = new ServerSocket();
        try {
            server.bind(address, BACKLOG);
        } catch (BindException e) {
            server.close();
            BindException b = new BindException(
                    e.getMessage() != null && e.getMessage().contains("in use")
                            ? "Address already in use: " + address
                            : e.getMessage() + ": " + address);
            b.initCause(e);
            throw b;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        TcpListener listener = new TcpListener(life, server, new InetSocketAddress(ip, server.getLocalPort()));
        if (!life.register(listener)) {
            server.close();
            throw stopped();
        }
        return listener;
    }

    @Override
    public Connection connect(InetSocketAddress remote) throws IOException {
        InetSocketAddress to = resolved(remote, "connect(remote)", "remote");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            // from the node's IP, or over loopback from the loopback address: both ends show 127.0.0.1, as simulated
            socket.bind(new InetSocketAddress(ownLoopback(to.getAddress()) ? to.getAddress() : life.ip(), 0));
            socket.connect(to);
        } catch (ConnectException e) {
            socket.close();
            String m = e.getMessage();
            ConnectException c = new ConnectException(
                    m != null && m.contains("refused")
                            ? "Connection refused: " + to
                            : m != null && m.contains("timed out") ? "Connection timed out: " + to : m + ": " + to);
            c.initCause(e);
            throw c;
        } catch (SocketException e) {
            socket.close();
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return TcpConnection.open(life, socket);
    }

    static InterruptedIOException interrupted(IOException cause) {
        InterruptedIOException e = new InterruptedIOException("interrupted while waiting on the network (a real"
                + " socket is closed by an interrupt of its virtual thread)");
        e.initCause(cause);
        return e;
    }

    static SocketException stopped() {
        return new SocketException("Socket closed");
    }

    /** As the simulated network: a null or unresolved address is rejected at the call, naming it. */
    private static InetSocketAddress resolved(InetSocketAddress address, String call, String argument)
            throws UnknownHostException {
        if (address == null) {
            throw new NullPointerException(call + ": " + argument + " is null");
        }
        if (address.isUnresolved()) {
            throw new UnknownHostException(call + ": " + argument + " " + address + " is unresolved; give an"
                    + " InetSocketAddress made from an InetAddress, such as one of ctx.topology().processIps()");
        }
        return address;
    }

    @Override
    public String toString() {
        return "network of " + life.ip().getHostAddress();
    }
}
