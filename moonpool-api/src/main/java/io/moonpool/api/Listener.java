package io.moonpool.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A listening address that accepts connections, like a server socket.
 */
public interface Listener extends Closeable {

    /**
     * Blocks the calling task until a connection arrives.
     *
     * <p>An interrupt of the waiting task (a {@link Time#timeout}, a {@link TaskHandle#cancel()}) closes the
     * listener, as the JDK closes a real server socket whose virtual thread is interrupted.
     *
     * @return the accepted connection
     * @throws IOException if the listener is closed or its node dies while waiting
     */
    Connection accept() throws IOException;

    /**
     * The address this listener is bound to.
     *
     * @return the local address
     */
    InetSocketAddress localAddress();
}
