package io.moonpool.net.internal;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The {@link Network} of one node: binds and connects on behalf of its IP. */
final class NodeNetwork implements Network {

    private final SimNetwork net;
    private final InetAddress ip;

    NodeNetwork(SimNetwork net, InetAddress ip) {
        this.net = net;
        this.ip = ip;
    }

    @Override
    public Listener bind(InetSocketAddress local) throws IOException {
        return net.bind(ip, resolved(local, "bind(local)", "local"));
    }

    @Override
    public Connection connect(InetSocketAddress remote) throws IOException {
        return net.connect(ip, resolved(remote, "connect(remote)", "remote"));
    }

    /**
     * Rejects a null or unresolved address at the call, naming it: the simulated network has no DNS, so a
     * host name the JVM could not resolve would otherwise fail late and obscurely.
     */
    private static InetSocketAddress resolved(InetSocketAddress address, String call, String argument)
            throws java.net.UnknownHostException {
        if (address == null) {
            throw new NullPointerException(call + ": " + argument + " is null");
        }
        if (address.isUnresolved()) {
            throw new java.net.UnknownHostException(call + ": " + argument + " " + address + " is unresolved; the"
                    + " simulated network knows nodes by IP only: give an InetSocketAddress made from an"
                    + " InetAddress, such as one of ctx.topology().processIps()");
        }
        return address;
    }

    @Override
    public String toString() {
        return "network of " + ip.getHostAddress();
    }
}
