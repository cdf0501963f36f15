package io.moonpool.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

/**
 * A connected byte stream with a socket's semantics.
 *
 * <p>Reads block until data arrives and may return fewer bytes than asked; -1 means the peer closed its
 * side (FIN). A reset (RST) makes the peer's next read or write throw
 * {@link java.net.SocketException} "Connection reset".
 */
public interface Connection extends Closeable {

    /**
     * The stream of bytes from the peer.
     *
     * @return the input stream
     */
    InputStream input();

    /**
     * The stream of bytes to the peer; writes are delivered in order after a simulated latency.
     *
     * @return the output stream
     */
    OutputStream output();

    /**
     * Half-closes: every byte written so far is delivered, then the peer reads -1 (FIN). Reading stays open.
     *
     * @throws IOException if the connection is already closed or reset
     */
    void shutdownOutput() throws IOException;

    /**
     * Closes gracefully: every byte written so far is delivered, then the peer reads -1 (FIN).
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;

    /**
     * Resets the connection (RST): both directions die, buffered bytes are dropped, and the peer's next
     * read or write throws "Connection reset".
     */
    void abort();

    /**
     * This side's address.
     *
     * @return the local address
     */
    InetSocketAddress localAddress();

    /**
     * The peer's address.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();
}
