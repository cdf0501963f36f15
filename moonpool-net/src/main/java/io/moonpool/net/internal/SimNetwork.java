package io.moonpool.net.internal;

import io.moonpool.api.Network;
import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.spi.ClockSkew;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.net.NetworkConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One iteration's network. Lookups use hash maps; anything whose order matters (a node's connections and
 * listeners, cuts, the pipes with pieces in flight) is kept in lists or insertion-ordered maps, so
 * decisions never depend on hash order.
 */
final class SimNetwork implements ResourceInstance, NetworkControl {

    private static final int FIRST_EPHEMERAL_PORT = 40_000;
    private static final int LAST_PORT = 65_535;

    /** What belongs to one IP. */
    private static final class Node {
        final NodeNetwork api;
        final List<SimListener> listeners = new ArrayList<>();
        /** Open connection ends in opening order; O(1) to add and remove. */
        final NodeConnections connections = new NodeConnections();
        /** Ports bound by listeners or used as a connection's local port; looked up, never iterated. */
        final Set<Integer> usedPorts = new HashSet<>();
        /**
         * Listeners bound on a loopback address (127.0.0.1): this node's own loopback, which no other node
         * reaches; looked up, never iterated.
         */
        final Map<InetSocketAddress, SimListener> loopbackListeners = new HashMap<>();

        int nextPort = FIRST_EPHEMERAL_PORT;
        /** Whether this life of the node's process has tried to connect yet, for the first-connect site. */
        boolean connectedBefore;

        Node(NodeNetwork api) {
            this.api = api;
        }

        /** The next free port of the ephemeral range, wrapping around as an operating system does. */
        int ephemeralPort(InetAddress ip) throws BindException {
            for (int tries = FIRST_EPHEMERAL_PORT; tries <= LAST_PORT; tries++) {
                int port = nextPort;
                nextPort = port == LAST_PORT ? FIRST_EPHEMERAL_PORT : port + 1;
                if (!usedPorts.contains(port)) {
                    return port;
                }
            }
            throw new BindException("Cannot assign requested address: every ephemeral port (" + FIRST_EPHEMERAL_PORT
                    + " to " + LAST_PORT + ") of " + ip.getHostAddress() + " is in use; close connections you no"
                    + " longer need");
        }
    }

    /**
     * A cut in force: which directions between which nodes it holds, and until when. Checking one is O(1)
     * whatever the number of nodes it covers. A pipe's check looks up the pair's own partitions and one-way
     * cuts ({@link SimNetwork#pairCuts}) and walks the isolations, never every cut nor the pairs they cover.
     */
    private sealed interface Cut permits Partition, OneWay, Isolation {
        long until();

        /** Whether it holds what {@code from} sends to {@code to}. */
        boolean holds(InetAddress from, InetAddress to);
    }

    private record Partition(InetAddress a, InetAddress b, long until) implements Cut {
        boolean cuts(InetAddress x, InetAddress y) {
            return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
        }

        @Override
        public boolean holds(InetAddress from, InetAddress to) {
            return cuts(from, to);
        }

        /** As the timeline shows it: {@code 10.0.0.1 -/- 10.0.1.1}. */
        @Override
        public String toString() {
            return a.getHostAddress() + " -/- " + b.getHostAddress();
        }
    }

    /** One direction between two nodes. */
    private record OneWay(InetAddress from, InetAddress to, long until) implements Cut {
        @Override
        public boolean holds(InetAddress x, InetAddress y) {
            return from.equals(x) && to.equals(y);
        }

        /** As the timeline shows it: {@code 10.0.0.1 -> 10.0.1.1}, the direction held. */
        @Override
        public String toString() {
            return from.getHostAddress() + " -> " + to.getHostAddress();
        }
    }

    /**
     * Members cut from every node outside them: what they send out ({@code send}), what they receive from
     * outside ({@code receive}), or both. One node's {@code isolateSend}/{@code isolateReceive} is a group of one.
     */
    private static final class Isolation implements Cut {
        /** Looked up per check; iterated only in insertion order (the timeline, the resets). */
        final LinkedHashSet<InetAddress> members;

        final boolean send;
        final boolean receive;
        final long until;
        /**
         * Directions lifted by {@link SimNetwork#heal}, by sender then receiver, so that a check allocates no key:
         * looked up, never iterated.
         */
        private final Map<InetAddress, Set<InetAddress>> healed = new HashMap<>();

        Isolation(LinkedHashSet<InetAddress> members, boolean send, boolean receive, long until) {
            this.members = members;
            this.send = send;
            this.receive = receive;
            this.until = until;
        }

        @Override
        public long until() {
            return until;
        }

        @Override
        public boolean holds(InetAddress from, InetAddress to) {
            boolean out = members.contains(from);
            if (out == members.contains(to) || !(out ? send : receive)) {
                return false;
            }
            Set<InetAddress> healedTo = healed.isEmpty() ? null : healed.get(from);
            return healedTo == null || !healedTo.contains(to);
        }

        void heal(InetAddress a, InetAddress b) {
            healed.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            healed.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }

        /**
         * As the timeline shows it: {@code 10.0.1.1 -> *} (its sends), {@code * -> 10.0.1.1} (what it receives),
         * {@code {10.0.1.1, 10.0.1.2} -/- *} (a group, both ways; the first 8 members and the count past that).
         */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            int shown = 0;
            for (InetAddress ip : members) {
                if (shown == 8) {
                    b.append(", ... (").append(members.size()).append(" nodes)");
                    break;
                }
                b.append(shown++ == 0 ? "" : ", ").append(ip.getHostAddress());
            }
            String group = send && receive || members.size() > 1 ? "{" + b + "}" : b.toString();
            return send && receive ? group + " -/- *" : send ? group + " -> *" : "* -> " + group;
        }
    }

    /** The subject of a heal's timeline entry: {@code 10.0.0.1 -/- 10.0.1.1}. */
    private record Healed(InetAddress a, InetAddress b) {
        @Override
        public String toString() {
            return a.getHostAddress() + " -/- " + b.getHostAddress();
        }
    }

    final KernelServices kernel;
    final NetworkConfig config;
    final BuggifySites buggify;
    final DurationRange connectLatency;
    final DurationRange acceptLatency;
    final DurationRange writeLatency;
    private final DurationRange deliveryLatency;
    private final DurationRange clogDuration;
    private final long maxPairLatency;
    /** Flow control: bytes one direction holds unread at most, or 0 for no limit. */
    final int bufferBytes;

    /** Bandwidth's cards and links, made as limited pipes first use them. */
    final Links links = new Links();
    /** The random-close cooldown of each pair of nodes. */
    final CloseCooldowns closeCooldowns;

    private final Map<InetAddress, Node> nodes = new LinkedHashMap<>();
    private final Map<InetSocketAddress, SimListener> listeners = new HashMap<>();
    private final Map<List<InetAddress>, Long> pairLatency = new HashMap<>();
    /** The cuts made, in the order they were made; those past their time are dropped at the next cut. */
    private final List<Cut> cuts = new ArrayList<>();
    /**
     * The partitions and one-way cuts of {@link #cuts} by the direction they hold, sender then receiver (a
     * partition under both): a pipe's check is two lookups, however many pairs are cut. Looked up, never
     * iterated.
     */
    private final Map<InetAddress, Map<InetAddress, List<Cut>>> pairCuts = new HashMap<>();
    /** The isolations of {@link #cuts}, in the order made: few, each checked in O(1). */
    private final List<Isolation> isolations = new ArrayList<>();
    /** Connects waiting for a cut to heal. */
    private final Waiters partitionWaiters = new Waiters();
    /**
     * The nodes reconfigured now ({@code FaultContext.reconfigure}), by address, in the order first made; null
     * whenever none is, so that the common path of {@link #configOf} is one null check.
     */
    private Map<InetAddress, Reconfigured> reconfigured;
    // the pipes with pieces in flight, in the order they got them, linked through Pipe.prev/nextInFlight
    private Pipe firstInFlight;
    private Pipe lastInFlight;
    private int pipesInFlight;

    SimNetwork(KernelServices kernel, NetworkConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.buggify = new BuggifySites(kernel);
        this.connectLatency = config.latency().connect();
        this.acceptLatency = config.latency().accept();
        this.writeLatency = config.latency().write();
        this.deliveryLatency = config.latency().delivery();
        this.clogDuration = config.clogging().duration();
        this.maxPairLatency = config.pairLatency().max().toNanos();
        this.bufferBytes = config.bufferBytes();
        this.closeCooldowns = new CloseCooldowns(config.randomClose().cooldown());
    }

    /**
     * The rate of a node's network card, each way, in bytes per second, or 0 for unlimited: the one place
     * bandwidth reads it, at every segment, so that a configuration per node can answer here.
     */
    long nicRate(InetAddress node) {
        return configOf(node).bandwidth().nicBytesPerSecond();
    }

    /** The rate of the directed link between two nodes, in bytes per second, or 0 for unlimited; as {@link #nicRate}. */
    long linkRate(InetAddress from, InetAddress to) {
        return configOf(from).bandwidth().linkBytesPerSecond();
    }

    @Override
    public <T> Optional<T> provide(Class<T> type, InetAddress ip) {
        if (type == Network.class) {
            return Optional.of(type.cast(node(ip).api));
        }
        if (type == ClockSkew.class && !config.clockSkew().max().isZero()) {
            long max = config.clockSkew().max().toNanos();
            long skew = kernel.configRandom(ip).nextLong(-max, max + 1);
            return Optional.of(type.cast((ClockSkew) () -> skew));
        }
        return Optional.empty();
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == NetworkControl.class ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public void onLifecycle(LifecycleEvent event) {
        if (!event.processGone()) {
            return;
        }
        boolean graceful = event.graceful();
        Node node = node(event.ip());
        node.connectedBefore = false; // the next life's first connect is a first connect again
        for (SimListener l : List.copyOf(node.listeners)) {
            l.close();
        }
        for (SimConnection c : node.connections.snapshot()) {
            c.processGone(graceful);
        }
        node.connections.clear();
    }

    @Override
    public Optional<String> activity() {
        // closed connections count too: their last bytes and FIN are still on their way
        return pipesInFlight == 0
                ? Optional.empty()
                : Optional.of("network: " + pipesInFlight + " stream(s) with data, FIN or reset in flight");
    }

    /** Keeps the list of pipes with pieces in flight up to date; called whenever a pipe's queue changes. */
    void updateInFlightList(Pipe p) {
        boolean inFlight = p.inFlight();
        if (inFlight == p.listedInFlight) {
            return;
        }
        p.listedInFlight = inFlight;
        if (inFlight) {
            p.prevInFlight = lastInFlight;
            p.nextInFlight = null;
            if (lastInFlight == null) {
                firstInFlight = p;
            } else {
                lastInFlight.nextInFlight = p;
            }
            lastInFlight = p;
            pipesInFlight++;
        } else {
            if (p.prevInFlight == null) {
                firstInFlight = p.nextInFlight;
            } else {
                p.prevInFlight.nextInFlight = p.nextInFlight;
            }
            if (p.nextInFlight == null) {
                lastInFlight = p.prevInFlight;
            } else {
                p.nextInFlight.prevInFlight = p.prevInFlight;
            }
            p.prevInFlight = null;
            p.nextInFlight = null;
            pipesInFlight--;
        }
    }

    /**
     * The chaos phase is over: partitions and clogs lift, and what they held back is delivered, so that the
     * settle phase and the checks run on a working network.
     */
    @Override
    public void onChaosEnd() {
        endReconfigurations();
        long now = kernel.now();
        for (Cut c : cuts) {
            if (c.until() > now) {
                kernel.timeline(TimelineEntries.PARTITION_LIFTED, c, 0);
            }
        }
        clearCuts();
        partitionWaiters.wakeAll();
        // clogs no longer count once chaos is over (see heldUntil); what they held back goes now
        List<Pipe> held = new ArrayList<>(pipesInFlight);
        for (Pipe p = firstInFlight; p != null; p = p.nextInFlight) {
            held.add(p);
        }
        int clogged = 0;
        for (Pipe p : held) {
            if (p.clogUntil > now) {
                clogged++;
            }
        }
        if (clogged > 0) {
            kernel.timeline(TimelineEntries.CLOGS_LIFTED, null, clogged);
        }
        for (Pipe p : held) {
            p.deliverHeld();
        }
    }

    /** Folds a fault decision into the trace hash. */
    void trace(long value) {
        kernel.trace(value);
    }

    // one per network: a digest of delivered bytes, reset for every delivery (intrinsic, allocates nothing)
    private final java.util.zip.CRC32C digest = new java.util.zip.CRC32C();

    /** Folds the CRC32C of delivered bytes into the trace hash: a run whose data differs has another hash. */
    void traceData(byte[] ring, long from, long to) {
        int mask = ring.length - 1;
        int start = (int) (from & mask);
        int len = (int) (to - from);
        int first = Math.min(len, ring.length - start);
        digest.reset();
        digest.update(ring, start, first);
        if (first < len) {
            digest.update(ring, 0, len - first);
        }
        kernel.trace(TraceSalts.DATA ^ digest.getValue());
    }

    /** The simulation's random stream (the one user code draws from too), for the fault draws. */
    RandomGenerator random() {
        return kernel.random();
    }

    /** How long a clog made by a write under the configuration {@code c} lasts. */
    long clogDuration(NetworkConfig c) {
        return kernel.drawNanos(c == config ? clogDuration : c.clogging().duration());
    }

    private static final long FOREVER = Long.MAX_VALUE / 4;

    /** A latency drawn from a range, with the slow tail of the configuration {@code c}. */
    long latency(DurationRange range, NetworkConfig c) {
        long nanos = kernel.drawNanos(range);
        if (kernel.strikes(c.slowTail().probability())) {
            long factor = 5 + kernel.random().nextInt(16);
            kernel.fault(TimelineEntries.SLOW_TAIL, null, factor);
            // saturating well below Long.MAX_VALUE, so that now + latency cannot overflow either: a slow tail
            // of a latency already years long is simply for ever (about 730 years)
            nanos = nanos > FOREVER / factor ? FOREVER : nanos * factor;
        }
        return nanos;
    }

    /** Delivery latency from one IP to another, as the sender is configured, with the pair's stable extra. */
    long deliveryLatency(InetAddress from, InetAddress to) {
        NetworkConfig c = configOf(from);
        return latency(c == config ? deliveryLatency : c.latency().delivery(), c) + pairExtra(from, to);
    }

    /** Delivery latency of a piece of data: with the buggified extra delay when that site fires. */
    long dataLatency(InetAddress from, InetAddress to) {
        long nanos = deliveryLatency(from, to);
        return buggify.fire(BuggifySites.DELIVERY_DELAY) ? nanos + buggify.extraDelay() : nanos;
    }

    private long pairExtra(InetAddress from, InetAddress to) {
        if (maxPairLatency == 0 || from.isLoopbackAddress() || to.isLoopbackAddress()) {
            return 0; // loopback stays within a node: no pair between two machines
        }
        return pairLatency.computeIfAbsent(
                List.of(from, to), k -> kernel.random().nextLong(maxPairLatency + 1));
    }

    /** Sleeps the calling task for the write latency of the node at {@code local}, with the slow tail. */
    void sleepForWrite(InetAddress local) throws IOException {
        NetworkConfig c = configOf(local);
        Blocking.sleep(kernel, latency(c == config ? writeLatency : c.latency().write(), c));
    }

    /** Sleeps the calling task for the accept latency of the node at {@code local}, with the slow tail. */
    void sleepForAccept(InetAddress local) throws IOException {
        NetworkConfig c = configOf(local);
        Blocking.sleep(kernel, latency(c == config ? acceptLatency : c.latency().accept(), c));
    }

    /**
     * The bit that a bit-flip fault flips in a delivered piece of {@code length} bytes, or -1: as the sender
     * (the route's source) is configured.
     */
    int flippedBit(long length, Route route) {
        if (length == 0
                || !kernel.strikes(
                        configOf(route.from().getAddress()).bitFlips().probability())) {
            return -1;
        }
        int bit = kernel.random().nextInt((int) Math.min(Integer.MAX_VALUE, length * 8));
        trace(TraceSalts.BIT_FLIP ^ bit);
        kernel.fault(TimelineEntries.BIT_FLIP, route, bit);
        return bit;
    }

    /**
     * Until when a clog or a partition holds a pipe's deliveries, or 0 if nothing does. Neither outlasts the
     * chaos phase: partitions are dropped when it ends, and a clog, which may sit on an idle pipe nobody
     * lists, simply stops counting.
     */
    long heldUntil(Pipe p, long now) {
        long clog = p.clogUntil > now && kernel.chaosActive() ? p.clogUntil : 0;
        return cuts.isEmpty() ? clog : Math.max(clog, partitionEnd(p.from, p.to, now));
    }

    /** When the last cut holding what {@code from} sends to {@code to} ends, or 0 if none holds it now. */
    long partitionEnd(InetAddress from, InetAddress to, long now) {
        long end = 0;
        Map<InetAddress, List<Cut>> byReceiver = pairCuts.isEmpty() ? null : pairCuts.get(from);
        List<Cut> pair = byReceiver == null ? null : byReceiver.get(to);
        if (pair != null) {
            for (int i = 0; i < pair.size(); i++) {
                end = Math.max(end, pair.get(i).until()); // each holds from -> to: only its time matters
            }
        }
        for (int i = 0; i < isolations.size(); i++) {
            Isolation c = isolations.get(i);
            if (c.until() > now && c.holds(from, to)) {
                end = Math.max(end, c.until());
            }
        }
        return end > now ? end : 0;
    }

    /** Lists a cut where the checks find it. */
    private void index(Cut cut) {
        switch (cut) {
            case Partition p -> {
                pairList(p.a(), p.b()).add(p);
                pairList(p.b(), p.a()).add(p);
            }
            case OneWay o -> pairList(o.from(), o.to()).add(o);
            case Isolation i -> isolations.add(i);
        }
    }

    private List<Cut> pairList(InetAddress from, InetAddress to) {
        return pairCuts.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new ArrayList<>(1));
    }

    /** Takes a cut off the checks' lists, dropping lists left empty. */
    private void unindex(Cut cut) {
        switch (cut) {
            case Partition p -> {
                unlist(p, p.a(), p.b());
                unlist(p, p.b(), p.a());
            }
            case OneWay o -> unlist(o, o.from(), o.to());
            case Isolation i -> isolations.remove(i);
        }
    }

    private void unlist(Cut cut, InetAddress from, InetAddress to) {
        Map<InetAddress, List<Cut>> byReceiver = pairCuts.get(from);
        List<Cut> pair = byReceiver.get(to);
        pair.remove(cut); // an equal cut (same pair, same end) may go instead: the same to every check
        if (pair.isEmpty()) {
            byReceiver.remove(to);
            if (byReceiver.isEmpty()) {
                pairCuts.remove(from);
            }
        }
    }

    private void clearCuts() {
        cuts.clear();
        pairCuts.clear();
        isolations.clear();
    }

    /**
     * Until when a connect between two nodes waits: a connect needs both directions. A loopback address is
     * within the caller's node, which no cut divides.
     */
    private long connectHeldUntil(InetAddress caller, InetAddress to, long now) {
        if (cuts.isEmpty() || to.isLoopbackAddress()) {
            return 0;
        }
        return Math.max(partitionEnd(caller, to, now), partitionEnd(to, caller, now));
    }

    /** The instant a fault of this duration ends; a duration too long for nanoseconds lasts until chaos ends. */
    private static long until(long now, Duration duration) {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        long until = now + nanos;
        return until < now ? Long.MAX_VALUE : until;
    }

    @Override
    public void partition(InetAddress a, InetAddress b, Duration duration) {
        if (!kernel.chaosActive()) {
            return; // an injector still running at the instant chaos ended: the network stays whole
        }
        long now = kernel.now();
        Partition cut = new Partition(a, b, until(now, duration));
        make(cut, now, TimelineEntries.PARTITION_MADE, TraceSalts.PARTITION);
        resetAcross(cut, List.of(a), List.of(b));
    }

    @Override
    public void cut(InetAddress from, InetAddress to, Duration duration) {
        if (!kernel.chaosActive()) {
            return;
        }
        long now = kernel.now();
        OneWay cut = new OneWay(from, to, until(now, duration));
        make(cut, now, TimelineEntries.CUT_MADE, TraceSalts.ONE_WAY_CUT);
        resetAcross(cut, List.of(from), List.of(to));
    }

    @Override
    public void isolateSend(InetAddress node, Duration duration) {
        isolation(List.of(node), true, false, duration, TimelineEntries.SEND_ISOLATION_MADE, TraceSalts.SEND_ISOLATION);
    }

    @Override
    public void isolateReceive(InetAddress node, Duration duration) {
        isolation(
                List.of(node),
                false,
                true,
                duration,
                TimelineEntries.RECEIVE_ISOLATION_MADE,
                TraceSalts.RECEIVE_ISOLATION);
    }

    @Override
    public void isolate(Collection<InetAddress> group, Duration duration) {
        isolation(group, true, true, duration, TimelineEntries.GROUP_CUT_MADE, TraceSalts.GROUP_CUT);
    }

    private void isolation(
            Collection<InetAddress> group, boolean send, boolean receive, Duration duration, String entry, long salt) {
        if (!kernel.chaosActive()) {
            return;
        }
        long now = kernel.now();
        LinkedHashSet<InetAddress> members = new LinkedHashSet<>(group);
        Isolation cut = new Isolation(members, send, receive, until(now, duration));
        make(cut, now, entry, salt);
        resetAcross(cut, members, null);
    }

    /** Puts a cut in force: drops those past their time, folds it into the trace and the timeline. */
    private void make(Cut cut, long now, String entry, long salt) {
        for (Iterator<Cut> it = cuts.iterator(); it.hasNext(); ) {
            Cut c = it.next();
            if (c.until() <= now) {
                it.remove();
                unindex(c);
            }
        }
        cuts.add(cut);
        index(cut);
        kernel.trace(salt ^ (cut.until() - now));
        kernel.fault(entry, cut, cut.until() - now);
    }

    /**
     * With partition resets configured, resets each connection one of whose directions a new cut holds, once,
     * at that probability: first those of the {@code side} nodes, in their order, then those of the
     * {@code others} (every other node, in the order the network first saw them, when null) whose end on the
     * side is already closed. A connection the cut does not touch is left alone, so a one-way cut resets
     * only connections between the pair it cuts.
     */
    private void resetAcross(Cut cut, Collection<InetAddress> side, List<InetAddress> others) {
        if (config.partitionResets().probability() == 0) {
            return;
        }
        List<SimConnection> pairs = new ArrayList<>();
        for (InetAddress s : side) {
            node(s).connections.forEach(c -> {
                InetAddress r = c.remoteAddress().getAddress();
                // a loopback connection stays within its node, which no cut divides
                if (!r.isLoopbackAddress() && (cut.holds(s, r) || cut.holds(r, s))) {
                    pairs.add(c);
                }
            });
        }
        if (others != null) {
            for (InetAddress o : others) {
                closedOnTheSide(cut, side, o, node(o), pairs);
            }
        } else {
            for (Map.Entry<InetAddress, Node> e : nodes.entrySet()) {
                if (!side.contains(e.getKey())) {
                    closedOnTheSide(cut, side, e.getKey(), e.getValue(), pairs);
                }
            }
        }
        for (SimConnection c : pairs) {
            if (kernel.random().nextDouble() < config.partitionResets().probability()) {
                kernel.trace(TraceSalts.PARTITION_RESET);
                c.breakByNetwork();
                c.peer.breakByNetwork();
            }
        }
    }

    /** Adds the connections of node {@code o} across the cut whose end on the side has closed already. */
    private static void closedOnTheSide(
            Cut cut, Collection<InetAddress> side, InetAddress o, Node node, List<SimConnection> pairs) {
        node.connections.forEach(c -> {
            InetAddress r = c.remoteAddress().getAddress();
            if (!c.peer.onNode && side.contains(r) && (cut.holds(o, r) || cut.holds(r, o))) {
                pairs.add(c);
            }
        });
    }

    @Override
    public boolean isPartitioned(InetAddress from, InetAddress to) {
        return kernel.chaosActive() && !cuts.isEmpty() && partitionEnd(from, to, kernel.now()) > 0;
    }

    @Override
    public void heal(InetAddress a, InetAddress b) {
        if (!kernel.chaosActive()) {
            return; // every cut was lifted when chaos ended
        }
        long now = kernel.now();
        List<Pipe> held = heldPipes(now, a, b);
        int lifted = 0;
        for (Iterator<Cut> it = cuts.iterator(); it.hasNext(); ) {
            Cut c = it.next();
            if (c.until() <= now || !(c.holds(a, b) || c.holds(b, a))) {
                continue;
            }
            lifted++;
            if (c instanceof Isolation i) {
                i.heal(a, b); // the rest of the isolation stays
            } else {
                it.remove();
                unindex(c);
            }
        }
        kernel.trace(TraceSalts.HEAL ^ lifted);
        kernel.timeline(TimelineEntries.HEALED, new Healed(a, b), lifted);
        released(held);
    }

    @Override
    public void healAll() {
        if (!kernel.chaosActive()) {
            return;
        }
        long now = kernel.now();
        List<Pipe> held = heldPipes(now, null, null);
        int lifted = 0;
        for (Cut c : cuts) {
            if (c.until() > now) {
                lifted++;
            }
        }
        clearCuts();
        kernel.trace(TraceSalts.HEAL_ALL ^ lifted);
        kernel.timeline(TimelineEntries.ALL_HEALED, null, lifted);
        released(held);
    }

    /** The pipes with pieces in flight that a cut holds now, between {@code a} and {@code b} (any, when null). */
    private List<Pipe> heldPipes(long now, InetAddress a, InetAddress b) {
        List<Pipe> held = new ArrayList<>();
        for (Pipe p = firstInFlight; p != null; p = p.nextInFlight) {
            boolean between = a == null || (p.from.equals(a) && p.to.equals(b)) || (p.from.equals(b) && p.to.equals(a));
            if (between && partitionEnd(p.from, p.to, now) > 0) {
                held.add(p);
            }
        }
        return held;
    }

    /** After a heal: connects waiting on a cut look again, and what the lifted cuts held goes, in order. */
    private void released(List<Pipe> held) {
        partitionWaiters.wakeAll();
        for (Pipe p : held) {
            p.deliverHeld();
        }
    }

    @Override
    public int clog(InetAddress ip, double fraction, Duration duration) {
        if (!kernel.chaosActive()) {
            return 0;
        }
        long now = kernel.now();
        List<SimConnection> free = new ArrayList<>();
        node(ip).connections.forEach(c -> {
            // a clog is congestion between machines: a node's loopback has none
            if (c.out.clogUntil <= now
                    && c.in.clogUntil <= now
                    && !c.localAddress().getAddress().isLoopbackAddress()) {
                free.add(c);
            }
        });
        int count = fraction <= 0 || free.isEmpty()
                ? 0
                : (int) Math.min(free.size(), Math.max(1, Math.round(fraction * free.size())));
        long until = until(now, duration);
        for (int i = 0; i < count; i++) {
            // a random subset, without replacement (a partial Fisher-Yates shuffle)
            int pick = i + kernel.random().nextInt(free.size() - i);
            SimConnection c = free.set(pick, free.get(i));
            c.out.clogUntil = until;
            c.in.clogUntil = until;
            kernel.fault(TimelineEntries.CLOG_MADE, c.out.route, until - now);
            kernel.fault(TimelineEntries.CLOG_MADE, c.in.route, until - now);
        }
        kernel.trace(TraceSalts.INJECTED_CLOG ^ count);
        return count;
    }

    SimListener bind(InetAddress caller, InetSocketAddress requested) throws IOException {
        InetAddress ip = requested.getAddress();
        if (ip == null || ip.isAnyLocalAddress()) {
            ip = caller;
        }
        boolean loopback = ip.isLoopbackAddress();
        if (!loopback && !ip.equals(caller)) {
            throw new BindException("Cannot assign requested address: " + ip.getHostAddress() + " is neither this"
                    + " node's address (" + caller.getHostAddress() + ") nor a loopback address (127.0.0.1)");
        }
        Node node = node(caller);
        int port = requested.getPort() == 0 ? node.ephemeralPort(caller) : requested.getPort();
        InetSocketAddress local = new InetSocketAddress(ip, port);
        // one port space per node, shared by its own IP and its loopback
        if (node.usedPorts.contains(port)) {
            throw new BindException("Address already in use: " + local);
        }
        SimListener listener = new SimListener(this, local, caller);
        if (loopback) {
            node.loopbackListeners.put(local, listener);
        } else {
            listeners.put(local, listener);
        }
        node.listeners.add(listener);
        node.usedPorts.add(port);
        return listener;
    }

    void unbind(SimListener listener) {
        Node node = node(listener.nodeIp);
        if (listener.localAddress().getAddress().isLoopbackAddress()) {
            node.loopbackListeners.remove(listener.localAddress());
        } else {
            listeners.remove(listener.localAddress());
        }
        node.listeners.remove(listener);
        node.usedPorts.remove(listener.localAddress().getPort());
    }

    SimConnection connect(InetAddress caller, InetSocketAddress remote) throws IOException {
        InetAddress to = remote.getAddress();
        // the connect is made from the caller's own address, or from its loopback to its loopback
        NetworkConfig c = configOf(to.isLoopbackAddress() ? to : caller);
        // one round trip: a slow pair is slow both ways
        Blocking.sleep(
                kernel,
                latency(c == config ? connectLatency : c.latency().connect(), c)
                        + pairExtra(caller, to)
                        + pairExtra(to, caller));
        long deadline = kernel.now() + config.connectTimeout().toNanos();
        if (kernel.strikes(c.connectFailures().probability())) {
            if (kernel.random().nextDouble() < c.connectFailures().hangShare()) {
                kernel.fault(TimelineEntries.CONNECT_TIMED_OUT, remote, 0);
                Blocking.sleep(kernel, config.connectTimeout().toNanos());
                throw new ConnectException("Connection timed out: " + remote);
            }
            kernel.fault(TimelineEntries.CONNECT_REFUSED, remote, 0);
            throw new ConnectException("Connection refused: " + remote);
        }
        Node from = node(caller);
        // a first connect made before chaos (setup, or a process booting) spends nothing: the site is chaos
        if (!from.connectedBefore && kernel.chaosActive()) {
            from.connectedBefore = true;
            if (buggify.fire(BuggifySites.CONNECT_FIRST_REFUSED)) {
                throw new ConnectException("Connection refused: " + remote);
            }
        }
        while (connectHeldUntil(caller, to, kernel.now()) > 0) {
            if (kernel.now() >= deadline) {
                throw new ConnectException("Connection timed out: " + remote + " is unreachable");
            }
            // until the cut ends, it is lifted at the end of the chaos phase, or the connect times out
            Blocking.awaitUntil(
                    kernel,
                    () -> connectHeldUntil(caller, to, kernel.now()) == 0,
                    partitionWaiters,
                    Math.min(connectHeldUntil(caller, to, kernel.now()), deadline));
        }
        // a loopback address is the caller's own loopback: only its own listeners are there
        boolean loopback = to.isLoopbackAddress();
        SimListener listener = loopback ? from.loopbackListeners.get(remote) : listeners.get(remote);
        if (listener == null || listener.closed) {
            throw new ConnectException("Connection refused: nobody listens on " + remote
                    + (loopback ? " (a loopback address: this node's own, " + caller.getHostAddress() + ")" : ""));
        }
        InetSocketAddress local = new InetSocketAddress(loopback ? to : caller, from.ephemeralPort(caller));
        from.usedPorts.add(local.getPort());
        Pipe up = new Pipe(this, new Route(local, remote));
        Pipe down = new Pipe(this, new Route(remote, local));
        SimConnection client = new SimConnection(this, local, remote, down, up);
        SimConnection server = new SimConnection(this, remote, local, up, down);
        client.ownsLocalPort = true;
        client.nodeIp = caller;
        server.nodeIp = listener.nodeIp;
        client.peer = server;
        server.peer = client;
        up.twin = down;
        down.twin = up;
        from.connections.add(client);
        node(listener.nodeIp).connections.add(server);
        listener.enqueue(server);
        kernel.timeline(TimelineEntries.OPENED, client.route(), 0);
        return client;
    }

    /** Takes a connection end off its node's list, freeing its local port if the connect allocated it. */
    void removeConnection(SimConnection c) {
        Node node = node(c.nodeIp);
        if (node.connections.remove(c) && c.ownsLocalPort) {
            node.usedPorts.remove(c.localAddress().getPort());
        }
    }

    private Node node(InetAddress ip) {
        return nodes.computeIfAbsent(ip, k -> new Node(new NodeNetwork(this, k)));
    }

    // --- reconfiguration (issue 14) ---

    /** One node's reconfiguration; its identity tells a replaced one's end from the one in effect. */
    private record Reconfigured(NetworkConfig config) {}

    /** Longer than this, a reconfiguration has no end of its own: the chaos phase ends it (about 730 years). */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    /**
     * The configuration that applies to what the node at {@code local} does (its connects, accepts, writes and
     * reads, and the delivery of what it sends): its reconfiguration while one lasts, otherwise the network's.
     * A loopback address is never reconfigured: loopback traffic stays within the node, off its network.
     */
    NetworkConfig configOf(InetAddress local) {
        if (reconfigured == null) {
            return config;
        }
        Reconfigured r = reconfigured.get(local);
        return r == null ? config : r.config();
    }

    /**
     * Makes one node's side of the network behave as {@code given} says until {@code duration} passes or chaos
     * ends: the latencies of its connects, accepts and writes and of the delivery of what it sends, the slow
     * tail, and the probabilities of the faults that strike its own operations (partial I/O, clogging and its
     * duration, random closes, bit flips of what it sends, connect failures). The connect timeout, flow
     * control, pair latency, partition resets and clock skew stay the network's. The configuration is used as
     * given, never drawn (its chaos mode must be OFF).
     */
    @Override
    public void reconfigure(InetAddress ip, ResourceConfig given, Duration duration) {
        if (!(given instanceof NetworkConfig next)) {
            throw new IllegalArgumentException("reconfigure(ip, config, duration): the network takes a NetworkConfig,"
                    + " was a " + given.getClass().getName());
        }
        if (next.chaos() != ChaosMode.OFF) {
            throw new IllegalArgumentException("reconfigure(ip, config, duration): a node's reconfiguration is used as"
                    + " given, never drawn per seed, but its chaos mode is " + next.chaos() + ": build the"
                    + " NetworkConfig with chaos(ChaosMode.OFF), the default, and the values the node should have");
        }
        if (reconfigured == null) {
            reconfigured = new LinkedHashMap<>();
        }
        Reconfigured r = new Reconfigured(next);
        reconfigured.put(ip, r);
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            return; // too long to end by itself: the chaos phase ends it
        }
        if (nanos < FOREVER_NANOS) {
            kernel.schedule(nanos, () -> endReconfiguration(ip, r));
        }
    }

    /** Ends a node's reconfiguration if it is still the one in effect (a replaced one's end does nothing). */
    private void endReconfiguration(InetAddress ip, Reconfigured r) {
        if (reconfigured == null || reconfigured.get(ip) != r) {
            return;
        }
        reconfigured.remove(ip);
        kernel.timeline(TimelineEntries.RECONFIGURATION_ENDED, ip.getHostAddress() + " network", 0);
        if (reconfigured.isEmpty()) {
            reconfigured = null;
        }
    }

    /** The chaos phase is over: every node goes back to the network's configuration, in the order first made. */
    private void endReconfigurations() {
        if (reconfigured == null) {
            return;
        }
        for (InetAddress ip : reconfigured.keySet()) {
            kernel.timeline(TimelineEntries.RECONFIGURATION_ENDED, ip.getHostAddress() + " network", 0);
        }
        reconfigured = null;
    }
}
