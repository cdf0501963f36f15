package io.moonpool.net.internal;

import io.moonpool.api.Network;
import io.moonpool.api.spi.ClockSkew;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.net.NetworkConfig;
import io.moonpool.api.DurationRange;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One iteration's network. Lookups use hash maps; anything whose order matters (a node's connections and
 * listeners, partitions) is kept in lists, so decisions never depend on hash order.
 */
final class SimNetwork implements ResourceInstance, NetworkControl {

    private static final int FIRST_EPHEMERAL_PORT = 40_000;

    /** What belongs to one IP. */
    private static final class Node {
        final NodeNetwork api;
        final List<SimListener> listeners = new ArrayList<>();
        final List<SimConnection> connections = new ArrayList<>();
        int nextPort = FIRST_EPHEMERAL_PORT;

        Node(NodeNetwork api) {
            this.api = api;
        }
    }

    private record Partition(InetAddress a, InetAddress b, long until) {
        boolean cuts(InetAddress x, InetAddress y) {
            return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
        }
    }

    /** A latency range in nanoseconds, converted once: the hot path reads longs, not {@link Duration}s. */
    record Span(long min, long max) {
        static Span of(DurationRange range) {
            return new Span(range.min().toNanos(), range.max().toNanos());
        }
    }

    final KernelServices kernel;
    final NetworkConfig config;
    final Span connectLatency;
    final Span acceptLatency;
    final Span writeLatency;
    private final Span deliveryLatency;
    private final Span clogDuration;
    private final long maxPairLatency;
    private final Map<InetAddress, Node> nodes = new HashMap<>();
    private final Map<InetSocketAddress, SimListener> listeners = new HashMap<>();
    private final Map<List<InetAddress>, Long> pairLatency = new HashMap<>();
    private final List<Partition> partitions = new ArrayList<>();

    SimNetwork(KernelServices kernel, NetworkConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.connectLatency = Span.of(config.connectLatency());
        this.acceptLatency = Span.of(config.acceptLatency());
        this.writeLatency = Span.of(config.writeLatency());
        this.deliveryLatency = Span.of(config.deliveryLatency());
        this.clogDuration = Span.of(config.clogDuration());
        this.maxPairLatency = config.maxPairLatency().toNanos();
    }

    @Override
    public <T> T provide(Class<T> type, InetAddress ip) {
        if (type == Network.class) {
            return type.cast(node(ip).api);
        }
        if (type == NetworkControl.class) {
            return type.cast(this);
        }
        if (type == ClockSkew.class && !config.maxClockDrift().isZero()) {
            long max = config.maxClockDrift().toNanos();
            long skew = kernel.configRandom(ip).nextLong(-max, max + 1);
            return type.cast((ClockSkew) () -> skew);
        }
        return null;
    }

    @Override
    public void onLifecycle(LifecycleEvent event) {
        boolean gone = event.kind() == LifecycleEvent.Kind.KILLED || event.kind() == LifecycleEvent.Kind.EXITED;
        if (!gone) {
            return;
        }
        boolean graceful = event.kind() == LifecycleEvent.Kind.EXITED
                || event.reboot() == io.moonpool.api.fault.RebootKind.GRACEFUL;
        Node node = node(event.ip());
        for (SimListener l : List.copyOf(node.listeners)) {
            l.close();
        }
        for (SimConnection c : List.copyOf(node.connections)) {
            c.processGone(graceful);
        }
        node.connections.clear();
    }

    @Override
    public String activity() {
        int busy = 0;
        for (Node node : nodes.values()) { // a count: the order of the map does not matter
            for (SimConnection c : node.connections) {
                if (!c.out.inFlight.isEmpty()) {
                    busy++;
                }
            }
        }
        return busy == 0 ? null : "network: " + busy + " connection(s) with bytes in flight";
    }

    RandomGenerator random() {
        return kernel.random();
    }

    /** Whether a fault with this probability strikes now; draws nothing when off. */
    boolean fault(double probability) {
        return probability > 0 && kernel.chaosActive() && kernel.random().nextDouble() < probability;
    }

    /** A duration from a range; draws nothing for a fixed range. */
    long draw(Span range) {
        return range.max() <= range.min() ? range.min() : kernel.random().nextLong(range.min(), range.max() + 1);
    }

    /** How long a clog lasts. */
    long clogDuration() {
        return draw(clogDuration);
    }

    /** A latency drawn from a range, with the slow tail. */
    long latency(Span range) {
        long nanos = draw(range);
        if (fault(config.slowFraction())) {
            nanos *= 5 + kernel.random().nextInt(16);
        }
        return nanos;
    }

    /** Delivery latency from one IP to another, with the pair's stable extra. */
    long deliveryLatency(InetAddress from, InetAddress to) {
        return latency(deliveryLatency) + pairExtra(from, to);
    }

    private long pairExtra(InetAddress from, InetAddress to) {
        if (maxPairLatency == 0) {
            return 0;
        }
        return pairLatency.computeIfAbsent(List.of(from, to), k -> kernel.random().nextLong(maxPairLatency + 1));
    }

    void pause(Span range) throws IOException {
        Blocking.sleep(kernel, latency(range));
    }

    byte[] maybeFlip(byte[] data) {
        if (data.length == 0 || !fault(config.bitFlip())) {
            return data;
        }
        int bit = kernel.random().nextInt(data.length * 8);
        data[bit / 8] ^= (byte) (1 << (bit % 8));
        return data;
    }

    /** When the partition cutting this pair ends, or 0 if none does now. */
    long partitionEnd(InetAddress a, InetAddress b, long now) {
        long end = 0;
        for (Partition p : partitions) {
            if (p.until() > now && p.cuts(a, b)) {
                end = Math.max(end, p.until());
            }
        }
        return end;
    }

    @Override
    public void partition(InetAddress a, InetAddress b, Duration duration) {
        long now = kernel.now();
        partitions.removeIf(p -> p.until() <= now);
        partitions.add(new Partition(a, b, now + duration.toNanos()));
        kernel.trace(0x9A57L ^ duration.toNanos());
        for (SimConnection c : List.copyOf(node(a).connections)) {
            if (c.remoteAddress().getAddress().equals(b) && config.partitionReset() > 0
                    && kernel.random().nextDouble() < config.partitionReset()) {
                c.abort();
            }
        }
    }

    @Override
    public int clog(InetAddress ip, double fraction, Duration duration) {
        int clogged = 0;
        long until = kernel.now() + duration.toNanos();
        for (SimConnection c : node(ip).connections) {
            if (kernel.random().nextDouble() < fraction) {
                c.out.clogUntil = Math.max(c.out.clogUntil, until);
                c.in.clogUntil = Math.max(c.in.clogUntil, until);
                clogged++;
            }
        }
        return clogged;
    }

    SimListener bind(InetAddress caller, InetSocketAddress requested) throws IOException {
        InetAddress ip = requested.getAddress();
        if (ip == null || ip.isAnyLocalAddress()) {
            ip = caller;
        }
        if (!ip.equals(caller)) {
            throw new BindException("Cannot assign requested address: " + ip.getHostAddress() + " is not this node's"
                    + " address (" + caller.getHostAddress() + ")");
        }
        Node node = node(ip);
        int port = requested.getPort() == 0 ? node.nextPort++ : requested.getPort();
        InetSocketAddress local = new InetSocketAddress(ip, port);
        if (listeners.containsKey(local)) {
            throw new BindException("Address already in use: " + local);
        }
        SimListener listener = new SimListener(this, local);
        listeners.put(local, listener);
        node.listeners.add(listener);
        return listener;
    }

    void unbind(SimListener listener) {
        listeners.remove(listener.localAddress());
        node(listener.localAddress().getAddress()).listeners.remove(listener);
    }

    SimConnection connect(InetAddress caller, InetSocketAddress remote) throws IOException {
        InetAddress to = remote.getAddress();
        pause(connectLatency);
        long deadline = kernel.now() + config.connectTimeout().toNanos();
        if (fault(config.connectFailure())) {
            if (kernel.random().nextDouble() < config.connectHangShare()) {
                Blocking.sleep(kernel, config.connectTimeout().toNanos());
                throw new ConnectException("Connection timed out: " + remote);
            }
            throw new ConnectException("Connection refused: " + remote);
        }
        while (partitionEnd(caller, to, kernel.now()) > 0) {
            long wait = Math.min(partitionEnd(caller, to, kernel.now()), deadline) - kernel.now();
            if (wait <= 0) {
                throw new ConnectException("Connection timed out: " + remote + " is unreachable");
            }
            Blocking.sleep(kernel, wait);
        }
        SimListener listener = listeners.get(remote);
        if (listener == null || listener.closed) {
            throw new ConnectException("Connection refused: nobody listens on " + remote);
        }
        Node from = node(caller);
        InetSocketAddress local = new InetSocketAddress(caller, from.nextPort++);
        Pipe up = new Pipe(this, caller, to);
        Pipe down = new Pipe(this, to, caller);
        SimConnection client = new SimConnection(this, local, remote, down, up);
        SimConnection server = new SimConnection(this, remote, local, up, down);
        up.twin = down;
        down.twin = up;
        from.connections.add(client);
        node(to).connections.add(server);
        listener.enqueue(server);
        return client;
    }

    void forget(SimConnection c) {
        node(c.localAddress().getAddress()).connections.remove(c);
    }

    private Node node(InetAddress ip) {
        return nodes.computeIfAbsent(ip, k -> new Node(new NodeNetwork(this, k)));
    }
}
