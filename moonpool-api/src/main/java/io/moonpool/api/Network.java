package io.moonpool.api;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A TCP-like stream network between the simulated nodes.
 *
 * <p>Provided by the {@code moonpool-net} module; without it, {@link SimContext#network()} fails with a
 * message naming the artifact to add.
 *
 * <p><b>Loopback.</b> In the simulation each node has its own loopback, as each real machine does: a listener
 * bound on a loopback address ({@code 127.0.0.1}, {@link java.net.InetAddress#getLoopbackAddress()}) is
 * reachable from that node's own tasks at that address, and from no other node (there the connect is refused).
 * Both ends of a loopback connection show the loopback address (local and remote, with their ports). A node's
 * ports are one space shared by its own IP and its loopback (binding a port on one makes it in use on the
 * other). Loopback connections have the latencies and random faults of any connection, but no pair latency,
 * partition or clog (those are between machines); a crash or reboot of the node closes them as it closes its
 * other connections. A node can also connect to its own IP. On the runtime, the nodes of one machine share
 * that machine's loopback: a node may bind any loopback address that is no node's IP, and another node of the
 * same machine reaches it too.
 */
public interface Network {

    /**
     * Listens on one of this node's addresses.
     *
     * @param local the address to listen on; its IP must be this node's own, the wildcard (this node's own), or
     *     a loopback address that is no other node's IP (this node's own loopback in the simulation, the
     *     machine's on the runtime)
     * @return a listener that accepts connections
     * @throws java.net.BindException if the port is already bound on this node or the IP is neither this node's
     *     nor a loopback address
     * @throws java.net.UnknownHostException if the address is unresolved (a host name, not an IP)
     * @throws NullPointerException if {@code local} is null
     * @throws IOException on other failures
     */
    Listener bind(InetSocketAddress local) throws IOException;

    /**
     * Opens a connection to a listening address.
     *
     * @param remote the address to connect to; a loopback address is the calling node's own loopback
     * @return the connected stream
     * @throws java.net.ConnectException if nobody listens there ("Connection refused"), for a loopback address
     *     if this node does not listen there
     * @throws java.net.UnknownHostException if the address is unresolved (a host name, not an IP), at once
     * @throws NullPointerException if {@code remote} is null
     * @throws IOException on other failures
     */
    Connection connect(InetSocketAddress remote) throws IOException;
}
