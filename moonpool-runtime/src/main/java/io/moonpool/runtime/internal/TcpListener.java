package io.moonpool.runtime.internal;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/** A real server socket behind a {@link Listener}; accepted connections get {@code TCP_NODELAY}. */
final class TcpListener implements Listener {

    private final NodeLife life;
    private final ServerSocket server;
    private final InetSocketAddress local;
    private volatile boolean closed;

    TcpListener(NodeLife life, ServerSocket server, InetSocketAddress local) {
        this.life = life;
        this.server = server;
        this.local = local;
    }

    @Override
    public Connection accept() throws IOException {
        if (closed) {
            throw new SocketException("Socket closed");
        }
        Socket socket;
        try {
            socket = server.accept();
        } catch (SocketException e) {
            if (closed) {
                SocketException c = new SocketException("Socket closed");
                c.initCause(e);
                throw c;
            }
            if (Thread.currentThread().isInterrupted()) {
                close(); // the interrupt closed the server socket
                throw TcpNetwork.interrupted(e);
            }
            throw e;
        }
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return TcpConnection.open(life, socket);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    /** Stops listening; connections not yet accepted are reset by the operating system. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        life.forget(this);
        try {
            server.close();
        } catch (IOException e) {
            // nothing is left to close
        }
    }

    @Override
    public String toString() {
        return "listener " + local;
    }
}
