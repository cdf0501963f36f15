package io.moonpool.runtime.internal;

import io.moonpool.api.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;

/**
 * A real socket behind a {@link Connection}, translating what Linux and the JDK say into what the simulated
 * connection says for the same case: a reset is "Connection reset" on every read and write after it (Linux says
 * "Broken pipe" or "Connection reset by peer" on a write), local use after {@link #close()} or {@link #abort()}
 * is "Socket closed".
 */
final class TcpConnection implements Connection {

    private final NodeLife life;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private volatile boolean closed;
    private volatile boolean reset;
    private volatile boolean outputShut;

    private TcpConnection(NodeLife life, Socket socket) throws IOException {
        this.life = life;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Wraps a connected socket and registers it with the node; closes it if the node is stopping. */
    static TcpConnection open(NodeLife life, Socket socket) throws IOException {
        TcpConnection c;
        try {
            c = new TcpConnection(life, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        if (!life.register(c)) {
            c.abort();
            throw TcpNetwork.stopped();
        }
        return c;
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
        if (outputShut) {
            return;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw translated(e);
        }
        outputShut = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        life.forget(this);
        try {
            // the FIN now, behind every byte written: Linux answers a close with unread input by a RST, which
            // then comes after the FIN, so the peer still reads everything and -1, as after a simulated close
            if (!outputShut && !reset) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // broken already: the close below is all that is left
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is left to close
        }
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        life.forget(this);
        try {
            socket.setSoLinger(true, 0); // close() then sends RST and drops what is buffered
        } catch (IOException e) {
            // already broken: closing is all that is left
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is left to close
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
        if (reset) {
            throw new SocketException("Connection reset");
        }
    }

    /** The simulated network's exception for what the JDK threw. */
    private IOException translated(IOException e) {
        if (closed) {
            SocketException c = new SocketException("Socket closed");
            c.initCause(e);
            return c;
        }
        if (Thread.currentThread().isInterrupted()) {
            closed = true; // a virtual thread's interrupt closes a blocked socket
            life.forget(this);
            try {
                socket.close(); // already closed when the interrupt ended the call; not when the flag was only set
            } catch (IOException ignored) {
                // closing a socket the JDK closed, or one already broken: nothing is left to release
            }
            return TcpNetwork.interrupted(e);
        }
        String m = e.getMessage();
        if (e instanceof SocketException && m != null && (m.contains("reset") || m.contains("Broken pipe"))) {
            reset = true;
            SocketException r = new SocketException("Connection reset");
            r.initCause(e);
            return r;
        }
        return e;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (outputShut) {
            throw new SocketException("Socket output is shutdown");
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = TcpConnection.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return TcpConnection.this.read(b, off, len);
        }

        @Override
        public int available() {
            if (closed || reset) {
                return 0;
            }
            try {
                return in.available();
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            TcpConnection.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            TcpConnection.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            TcpConnection.this.write(b, off, len);
        }

        @Override
        public void close() {
            TcpConnection.this.close();
        }
    }

    /** Local to remote, addresses only, as the simulated connection prints itself. */
    @Override
    public String toString() {
        return local.getAddress().getHostAddress() + ":" + local.getPort() + " -> "
                + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }
}
