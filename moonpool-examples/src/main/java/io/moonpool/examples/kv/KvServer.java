package io.moonpool.examples.kv;

import io.moonpool.api.Assertions;
import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.TaskHandle;
import io.moonpool.examples.kv.Wire.Dump;
import io.moonpool.examples.kv.Wire.Entries;
import io.moonpool.examples.kv.Wire.Failed;
import io.moonpool.examples.kv.Wire.Get;
import io.moonpool.examples.kv.Wire.Message;
import io.moonpool.examples.kv.Wire.NotReady;
import io.moonpool.examples.kv.Wire.Ok;
import io.moonpool.examples.kv.Wire.Put;
import io.moonpool.examples.kv.Wire.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of the store: a write-ahead log on the node's {@code Storage}, a listener on the node's
 * {@code Network}, and the latest version of every key in memory. See the package documentation for the
 * design; this class is the same in simulation and on a real node.
 *
 * <p>At boot it replays its log. If the log holds no ready mark (its first boot, or its disk was wiped, or it
 * crashed while catching up), it asks every peer for everything it holds and keeps the newest of each key,
 * logs and forces that, then the ready mark; until then it answers reads and writes with "not ready", so a
 * replica that lost its disk never serves or votes with a partial state. Catch-up waits until every peer has
 * answered: an acknowledged write is on a majority, so with one replica's disk lost it is on at least one
 * peer, but which one is not known. While it serves, a replica also fetches its peers' entries every second
 * (anti-entropy), so a write it missed while it was down reaches it too.
 */
public final class KvServer implements SimProcess {

    /** The port replicas listen on, in simulation and by default on a real node. */
    public static final int DEFAULT_PORT = 7100;

    private static final Logger LOG = LoggerFactory.getLogger(KvServer.class);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_PAUSE = Duration.ofMillis(200);
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LAZY_FORCE_INTERVAL = Duration.ofSeconds(5);

    private final KvBug bug;
    private final int port;
    private final Map<String, Versioned> state = new ConcurrentSkipListMap<>();
    private final ReentrantLock writes = new ReentrantLock();
    private final List<Connection> sessions = new ArrayList<>();
    private final List<TaskHandle<Object>> background = new ArrayList<>();
    private volatile boolean ready;
    private WriteAheadLog log;
    private SimContext ctx;

    /**
     * What a replica has acknowledged, key by key: published to the simulation's state (which outlives the
     * replica's lives) and checked against the log's replay at the next boot.
     */
    private record Acknowledged(Map<String, Long> versions) {}

    /**
     * Creates a replica (a fresh instance per process life).
     *
     * @param bug  the bug to re-introduce, {@link KvBug#NONE} for the correct store
     * @param port the port to listen on, the same on every replica
     */
    public KvServer(KvBug bug, int port) {
        this.bug = bug;
        this.port = port;
    }

    /**
     * Boots the replica, serves until the node's shutdown is requested, then closes its listener, its
     * sessions and its log.
     *
     * @param ctx the node's context
     * @throws Exception if the log cannot be opened or the port bound
     */
    @Override
    public void run(SimContext ctx) throws Exception {
        this.ctx = ctx;
        log = WriteAheadLog.open(ctx.storage());
        boolean wasReady = log.replay(state);
        LOG.info(
                "{} replayed {} keys from the log{}",
                me(),
                state.size(),
                wasReady ? "" : ", no ready mark: catching up");
        checkReplayKeptAcknowledged(wasReady);
        Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), port));
        ctx.tasks().spawn("kv-acceptor", () -> accept(ctx, listener));
        try {
            if (!wasReady && !catchUp(ctx)) {
                return; // shut down before it caught up: the next life starts over
            }
            ready = true;
            LOG.info("{} serving", me());
            background.add(ctx.tasks().spawn("kv-sync", () -> sync(ctx)));
            if (bug == KvBug.ACK_BEFORE_FORCE) {
                background.add(ctx.tasks().spawn("kv-lazy-force", () -> forceNowAndThen(ctx)));
            }
            ctx.shutdown().await();
            LOG.info("{} shutting down", me());
        } finally {
            for (TaskHandle<Object> task : background) {
                task.cancel(); // they sleep between rounds: end them now, not at the end of the grace period
            }
            listener.close();
            synchronized (sessions) {
                for (Connection c : sessions) {
                    c.close();
                }
            }
            log.close();
        }
    }

    private Object accept(SimContext ctx, Listener listener) {
        try {
            while (true) {
                Connection c = listener.accept();
                synchronized (sessions) {
                    sessions.add(c);
                }
                ctx.tasks().spawn("kv-session", () -> serve(c));
            }
        } catch (IOException closed) {
            return null; // the listener was closed at shutdown
        }
    }

    private Object serve(Connection c) {
        try (c) {
            Message request;
            while ((request = Wire.read(c.input())) != null) {
                Wire.write(c.output(), handle(request));
            }
        } catch (Wire.CorruptFrameException corrupt) {
            c.abort(); // the bytes cannot be trusted: drop the connection, the client retries
        } catch (IOException gone) {
            // the client went away or the connection was reset: nothing to answer
        } finally {
            synchronized (sessions) {
                sessions.remove(c);
            }
        }
        return null;
    }

    private Message handle(Message request) {
        return switch (request) {
            case Put p -> ready ? put(p.key(), p.value()) : new NotReady();
            case Get g -> ready ? new Value(state.getOrDefault(g.key(), Versioned.ABSENT)) : new NotReady();
            // a dump is answered while catching up too: at a cluster's first boot every replica is catching up
            case Dump d -> new Entries(new LinkedHashMap<>(state));
            default -> new Failed("not a request: " + request);
        };
    }

    /** Makes the value durable, then applies it: what is in memory is always on disk (but see the bug). */
    private Message put(String key, Versioned value) {
        writes.lock();
        try {
            Versioned mine = state.get(key);
            if (mine != null && !value.newerThan(mine)) {
                return new Ok(); // a retry, or an older write: what this replica holds is at least as new
            }
            log.append(key, value);
            if (bug != KvBug.ACK_BEFORE_FORCE) {
                log.force();
            }
            state.put(key, value);
            acknowledge(key, value);
            LOG.debug("put {} v{}", key, value.version());
            return new Ok();
        } catch (IOException e) {
            // not applied: a retry appends and forces again
            LOG.info("put {} v{} failed: {}", key, value.version(), e.getMessage());
            return new Failed(String.valueOf(e.getMessage()));
        } finally {
            writes.unlock();
        }
    }

    /** Records in the simulation's state that this replica acknowledged {@code value} (see the boot check). */
    private void acknowledge(String key, Versioned value) {
        String name = acknowledgedKey();
        Map<String, Long> versions = new TreeMap<>(ctx.state()
                .find(name, Acknowledged.class)
                .map(Acknowledged::versions)
                .orElse(Map.of()));
        versions.merge(key, value.version(), Math::max);
        // sorted, never Map.copyOf: its iteration order is salted per JVM launch
        ctx.state().publish(name, new Acknowledged(java.util.Collections.unmodifiableMap(versions)));
    }

    /**
     * A replica that kept its disk replays every write it acknowledged in its earlier lives: forced before it
     * was acknowledged, a crash cannot take it. A replica without its log (wiped) starts its record afresh.
     */
    private void checkReplayKeptAcknowledged(boolean wasReady) {
        String name = acknowledgedKey();
        if (!wasReady) {
            ctx.state().publish(name, null);
            return;
        }
        Map<String, Long> acknowledged = ctx.state()
                .find(name, Acknowledged.class)
                .map(Acknowledged::versions)
                .orElse(Map.of());
        for (Map.Entry<String, Long> e : new TreeMap<>(acknowledged).entrySet()) {
            long replayed = state.getOrDefault(e.getKey(), Versioned.ABSENT).version();
            Assertions.always(replayed >= e.getValue(), "a replica's log keeps every write it acknowledged");
            if (replayed < e.getValue()) {
                LOG.warn(
                        "acknowledged write lost by the log: {} v{} acknowledged, v{} replayed",
                        e.getKey(),
                        e.getValue(),
                        replayed);
            }
        }
    }

    private String me() {
        return ctx.ip().getHostAddress();
    }

    private String acknowledgedKey() {
        return "kv.acknowledged." + ctx.ip().getHostAddress();
    }

    private Object forceNowAndThen(SimContext ctx) throws InterruptedException {
        while (true) {
            ctx.time().sleep(LAZY_FORCE_INTERVAL);
            writes.lock();
            try {
                log.force();
            } catch (IOException e) {
                // the bug does not care: it forces again in a second
            } finally {
                writes.unlock();
            }
        }
    }

    /**
     * Fetches every peer's entries until each has answered, logs what is newer, then the ready mark: the
     * catch-up of a replica whose log has no ready mark, before it serves.
     *
     * @return false if the node's shutdown was requested first
     */
    private boolean catchUp(SimContext ctx) throws Exception {
        Map<String, Versioned> learned = fromEveryPeer(ctx);
        if (learned == null) {
            return false;
        }
        while (true) {
            try {
                for (Map.Entry<String, Versioned> e : learned.entrySet()) {
                    log.append(e.getKey(), e.getValue());
                }
                log.markReady();
                log.force();
                break;
            } catch (IOException e) {
                if (ctx.shutdown().isRequested()) {
                    return false;
                }
                // the disk failed: log it all again (replay keeps the newest of duplicates) and force again
                ctx.time().sleep(CATCH_UP_PAUSE);
            }
        }
        state.putAll(learned);
        LOG.info("{} caught up from every peer: {} keys newer than the log", me(), learned.size());
        Assertions.sometimes(!learned.isEmpty(), "a replica without its log caught up from its peers");
        return true;
    }

    /**
     * Anti-entropy, while the replica serves: at once, then every {@link #SYNC_INTERVAL}, it fetches every
     * peer's entries and logs what is newer, so that a write a replica missed (it was down, or its answer was
     * lost) is on all three again before the next replica loses its disk.
     */
    private Object sync(SimContext ctx) throws Exception {
        List<InetAddress> peers = new ArrayList<>(ctx.topology().processIps());
        peers.remove(ctx.ip());
        while (!ctx.shutdown().isRequested()) {
            int newer = 0;
            for (InetAddress peer : peers) {
                Map<String, Versioned> theirs = dump(ctx, peer); // a peer that is down is asked again next round
                if (theirs != null) {
                    for (Map.Entry<String, Versioned> e : theirs.entrySet()) {
                        Versioned mine = state.getOrDefault(e.getKey(), Versioned.ABSENT);
                        if (e.getValue().newerThan(mine)) {
                            newer += put(e.getKey(), e.getValue()) instanceof Ok ? 1 : 0;
                        }
                    }
                }
            }
            if (newer > 0) {
                LOG.info("{} synced with its peers: {} keys were newer", me(), newer);
            }
            Assertions.sometimes(newer > 0, "a replica learned from its peers the writes it had missed");
            ctx.time().sleep(SYNC_INTERVAL);
        }
        return null;
    }

    /** Asks every peer for its entries until each has answered; the newest of each key, or null at shutdown. */
    private Map<String, Versioned> fromEveryPeer(SimContext ctx) throws Exception {
        List<InetAddress> pending = new ArrayList<>(ctx.topology().processIps());
        pending.remove(ctx.ip());
        Map<String, Versioned> learned = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            if (ctx.shutdown().isRequested()) {
                return null;
            }
            for (InetAddress peer : List.copyOf(pending)) {
                Map<String, Versioned> theirs = dump(ctx, peer);
                if (theirs != null) {
                    pending.remove(peer);
                    for (Map.Entry<String, Versioned> e : theirs.entrySet()) {
                        Versioned mine = learned.getOrDefault(e.getKey(), state.get(e.getKey()));
                        if (mine == null || e.getValue().newerThan(mine)) {
                            learned.put(e.getKey(), e.getValue());
                        }
                    }
                }
            }
            if (!pending.isEmpty()) {
                ctx.time().sleep(CATCH_UP_PAUSE);
            }
        }
        return learned;
    }

    /** A peer's entries, or null if it does not answer in time. */
    private Map<String, Versioned> dump(SimContext ctx, InetAddress peer) throws InterruptedException {
        try {
            return ctx.time().timeout(PEER_TIMEOUT, () -> {
                try (Connection c = ctx.network().connect(new InetSocketAddress(peer, port))) {
                    Wire.write(c.output(), new Dump());
                    return Wire.read(c.input()) instanceof Entries e ? e.entries() : null;
                }
            });
        } catch (InterruptedException e) {
            throw e;
        } catch (IOException | TimeoutException e) {
            return null; // down, booting, or the connection broke: ask again
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure asking " + peer + " for its entries", e);
        }
    }

    @Override
    public String name() {
        return "kv";
    }
}
