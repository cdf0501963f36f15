package io.moonpool.api;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A TCP-like stream network between the simulated nodes.
 *
 * <p>Provided by the {@code moonpool-net} module; without it, {@link SimContext#network()} fails with a
 * message naming the artifact to add.
 */
public interface Network {

    /**
     * Listens on one of this node's addresses.
     *
     * @param local the address to listen on; its IP must be this node's own
     * @return a listener that accepts connections
     * @throws java.net.BindException if the address is already bound or the IP is not this node's
     * @throws java.net.UnknownHostException if the address is unresolved (a host name, not an IP)
     * @throws NullPointerException if {@code local} is null
     * @throws IOException on other failures
     */
    Listener bind(InetSocketAddress local) throws IOException;

    /**
     * Opens a connection to a listening address.
     *
     * @param remote the address to connect to
     * @return the connected stream
     * @throws java.net.ConnectException if nobody listens there ("Connection refused")
     * @throws java.net.UnknownHostException if the address is unresolved (a host name, not an IP), at once
     * @throws NullPointerException if {@code remote} is null
     * @throws IOException on other failures
     */
    Connection connect(InetSocketAddress remote) throws IOException;
}
