package io.moonpool.net.internal;

import java.net.InetSocketAddress;

/**
 * Where a connection end or a pipe goes, as the timeline shows it: {@code 10.0.0.1:40001 -> 10.0.1.1:4500}.
 * Addresses only, so its {@code toString} is the same in every run of the seed.
 *
 * @param from the local end (of a connection end) or the writer (of a pipe)
 * @param to   the remote end, or the reader
 */
record Route(InetSocketAddress from, InetSocketAddress to) {

    @Override
    public String toString() {
        return from.getAddress().getHostAddress() + ":" + from.getPort() + " -> "
                + to.getAddress().getHostAddress() + ":" + to.getPort();
    }
}
