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
 * {@link java.net.SocketException} "Connection reset"; bytes that had reached the peer before the reset are
 * read first, as on Linux, and bytes still on their way are lost.
 *
 * <p><b>Interrupts.</b> An interrupt of a task blocked in a read or a write of this connection (a
 * {@link Time#timeout}, a {@link TaskHandle#cancel()}) closes the connection: the blocked call throws, the
 * peer reads -1, and later use here throws "Socket closed". The JDK closes a real socket whose virtual thread
 * is interrupted in the same way, so code that gives up on a read must reconnect, in simulation as in
 * production.
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
     * Resets the connection (RST): both directions die, bytes written here and not yet delivered are dropped,
     * and the peer, once it has read what had reached it, gets "Connection reset" from its next read or write.
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
