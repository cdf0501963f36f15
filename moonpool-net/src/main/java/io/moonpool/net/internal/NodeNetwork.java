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
        return net.bind(ip, local);
    }

    @Override
    public Connection connect(InetSocketAddress remote) throws IOException {
        return net.connect(ip, remote);
    }

    @Override
    public String toString() {
        return "network of " + ip.getHostAddress();
    }
}
