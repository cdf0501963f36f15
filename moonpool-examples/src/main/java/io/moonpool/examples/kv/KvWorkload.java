package io.moonpool.examples.kv;

import io.moonpool.api.Assertions;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads random keys through a {@link KvClient} while the cluster is under attrition, and checks
 * the store's two promises.
 *
 * <ul>
 *   <li>During the run, every read: it returns a value some write wrote (acknowledged or still in flight),
 *       never one older than a write acknowledged before the read began ({@code "stale read"}).
 *   <li>In {@link #check}, once the cluster has settled: every acknowledged write is held by a majority of the
 *       replicas and a quorum read returns it or something newer ({@code "acknowledged write lost"}).
 * </ul>
 *
 * <p>The workload is the only writer, so its versions (1, 2, 3, ...) are the order of its writes.
 */
public final class KvWorkload implements Workload {

    private static final Logger LOG = LoggerFactory.getLogger(KvWorkload.class);
    private static final int KEYS = 20;
    private static final int CHECK_ATTEMPTS = 40;
    private static final Duration CHECK_PAUSE = Duration.ofMillis(250);

    private record Written(String key, String value) {}

    private final KvBug bug;
    private final Duration runFor;
    private final int port;
    private final Map<String, Long> acknowledged = new TreeMap<>();
    private final Map<Long, Written> written = new TreeMap<>();
    private long lastVersion;
    private String violation;

    /**
     * Creates the workload.
     *
     * @param bug    passed to the client ({@link KvBug#STALE_READ} changes how it reads)
     * @param runFor how long to write and read, from the start of the run (simulated time)
     * @param port   the replicas' port
     */
    public KvWorkload(KvBug bug, Duration runFor, int port) {
        this.bug = bug;
        this.runFor = runFor;
        this.port = port;
    }

    @Override
    public void setup(SimContext ctx) {
        acknowledged.clear();
        written.clear();
        lastVersion = 0;
        violation = null;
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        long end = ctx.time().nanoTime() + runFor.toNanos();
        try (KvClient client = new KvClient(ctx, ctx.topology().processIps(), port, bug)) {
            while (ctx.time().nanoTime() < end) {
                ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(10, 50)));
                String key = "k" + ctx.random().nextInt(KEYS);
                if (ctx.random().nextBoolean()) {
                    write(client, key);
                } else {
                    read(client, key);
                }
            }
        }
    }

    private void write(KvClient client, String key) throws InterruptedException {
        long version = ++lastVersion;
        Versioned value = new Versioned(version, "v" + version);
        written.put(version, new Written(key, value.value()));
        KvClient.PutResult result = client.put(key, value);
        if (result.acknowledged()) {
            acknowledged.merge(key, version, Math::max);
        }
        LOG.debug(
                "put {} v{}: {} ({} confirmations)",
                key,
                version,
                result.acknowledged() ? "acknowledged" : "not acknowledged",
                result.confirmations());
        Assertions.sometimes(
                result.acknowledged() && result.confirmations() < 3,
                "a write was acknowledged while a replica was down");
    }

    private void read(KvClient client, String key) throws InterruptedException {
        long before = acknowledged.getOrDefault(key, 0L);
        Optional<Versioned> got = client.get(key);
        if (got.isEmpty()) {
            return; // no majority answered: unavailable, which is allowed
        }
        Versioned v = got.get();
        LOG.debug("get {}: v{} (v{} acknowledged before)", key, v.version(), before);
        Written w = written.get(v.version());
        boolean known = v.version() == 0
                ? v.equals(Versioned.ABSENT)
                : w != null && w.key().equals(key) && w.value().equals(v.value());
        Assertions.always(known, "a read returns an acknowledged or in-flight value");
        if (!known) {
            violate("phantom read: a read of " + key + " returned " + v + ", which no write wrote");
        }
        boolean fresh = v.version() >= before;
        Assertions.always(fresh, "a read never returns a value older than a write acknowledged before it began");
        if (!fresh) {
            violate("stale read: a read of " + key + " returned version " + v.version() + " but version " + before
                    + " was acknowledged before the read began");
        }
    }

    private void violate(String message) {
        if (violation == null) {
            violation = message;
        }
    }

    @Override
    public void check(SimContext ctx) throws Exception {
        if (violation != null) {
            throw new AssertionError(violation);
        }
        List<InetAddress> replicas = ctx.topology().processIps();
        int majority = replicas.size() / 2 + 1;
        try (KvClient client = new KvClient(ctx, replicas, port, KvBug.NONE)) {
            for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
                Map<InetAddress, Versioned> each = everyReplica(ctx, client, e.getKey(), replicas.size());
                long holders = each.values().stream()
                        .filter(v -> v.version() >= e.getValue())
                        .count();
                if (holders < majority) {
                    throw new AssertionError("acknowledged write lost: " + e.getKey() + " version " + e.getValue()
                            + " is held by " + holders + " of " + replicas.size() + " replicas, a majority must hold"
                            + " it; they hold " + describe(each));
                }
                Optional<Versioned> read = client.get(e.getKey());
                if (read.isEmpty() || read.get().version() < e.getValue()) {
                    throw new AssertionError("acknowledged write lost: a quorum read of " + e.getKey() + " returned "
                            + read.map(Versioned::toString).orElse("nothing") + " but version " + e.getValue()
                            + " was acknowledged");
                }
            }
        }
    }

    /** Every replica's value of {@code key}, asking again until all answer (a replica may be catching up). */
    private static Map<InetAddress, Versioned> everyReplica(SimContext ctx, KvClient client, String key, int replicas)
            throws InterruptedException {
        Map<InetAddress, Versioned> each = new LinkedHashMap<>();
        for (int attempt = 0; attempt < CHECK_ATTEMPTS && each.size() < replicas; attempt++) {
            each = client.getEach(key);
            if (each.size() < replicas) {
                ctx.time().sleep(CHECK_PAUSE);
            }
        }
        return each;
    }

    private static String describe(Map<InetAddress, Versioned> each) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<InetAddress, Versioned> e : each.entrySet()) {
            sb.append(sb.isEmpty() ? "" : ", ")
                    .append(e.getKey().getHostAddress())
                    .append(" v")
                    .append(e.getValue().version());
        }
        return sb.isEmpty() ? "nothing (no replica answered)" : sb.toString();
    }

    @Override
    public String name() {
        return "kv-workload";
    }
}
