package io.moonpool.examples.kv;

import io.moonpool.api.Assertions;
import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.examples.kv.Wire.Get;
import io.moonpool.examples.kv.Wire.Message;
import io.moonpool.examples.kv.Wire.Ok;
import io.moonpool.examples.kv.Wire.Put;
import io.moonpool.examples.kv.Wire.Value;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's client: quorum writes and quorum reads over the three replicas, with a timeout on every
 * request, retries with a growing pause, and a connection per replica that is dropped on any error and
 * opened again on the next request.
 *
 * <p>A write is acknowledged once a majority of replicas answered that it is durable there. A read asks every
 * replica, takes the highest version among the first majority of answers, and, unless a majority already holds
 * that version, writes it back to a majority before returning it (read repair), so that no later read can
 * return an older version. A write's version must be higher than any the client wrote before; a retry sends
 * the same version again, which replicas that have it already acknowledge.
 *
 * <p>Not thread-safe: one caller at a time (the work is fanned out to tasks of {@code ctx}).
 */
public final class KvClient implements AutoCloseable {

    /** How long one request to one replica may take, connect included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);

    private static final int ATTEMPTS = 5;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    // once a majority has answered, how long the others still get to answer (to see who is down)
    private static final Duration LINGER = Duration.ofMillis(20);

    /** What a write came to. */
    public record PutResult(boolean acknowledged, int confirmations) {}

    private record Answer(InetAddress replica, Message reply) {}

    private final SimContext ctx;
    private final List<InetAddress> replicas;
    private final int port;
    private final int readQuorum;
    private final boolean repair;
    private final Map<InetAddress, Connection> idle = new LinkedHashMap<>();
    private final ReentrantLock idleLock = new ReentrantLock();

    /**
     * Creates a client.
     *
     * @param ctx      the context of the node the client runs on: its time, tasks, network and randomness
     * @param replicas the replicas' addresses
     * @param port     the replicas' port
     * @param bug      {@link KvBug#STALE_READ} makes reads take the first answer and repair nothing
     * @throws IllegalArgumentException if {@code replicas} is empty
     */
    public KvClient(SimContext ctx, List<InetAddress> replicas, int port, KvBug bug) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a client needs at least one replica; pass the servers' IPs");
        }
        this.ctx = ctx;
        this.replicas = List.copyOf(replicas);
        this.port = port;
        this.readQuorum = bug == KvBug.STALE_READ ? 1 : majority();
        this.repair = bug != KvBug.STALE_READ;
    }

    /**
     * Writes a value, retrying until a majority acknowledges it or the attempts run out.
     *
     * @param key   the key
     * @param value the value, with a version higher than any this client wrote before
     * @return whether the write was acknowledged, and by how many replicas on the last attempt
     * @throws InterruptedException if the caller is interrupted
     */
    public PutResult put(String key, Versioned value) throws InterruptedException {
        int confirmations = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<Answer> answers = ask(new Put(key, value), majority(), reply -> reply instanceof Ok);
            confirmations = count(answers, reply -> reply instanceof Ok);
            if (confirmations >= majority()) {
                return new PutResult(true, confirmations);
            }
            pause(attempt);
        }
        return new PutResult(false, confirmations);
    }

    /**
     * Reads a key from a majority (see the class comment), retrying until a majority answers or the attempts
     * run out.
     *
     * @param key the key
     * @return the newest value ({@link Versioned#ABSENT} if never written), or empty if no majority answered
     * @throws InterruptedException if the caller is interrupted
     */
    public Optional<Versioned> get(String key) throws InterruptedException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<Answer> answers = ask(new Get(key), readQuorum, reply -> reply instanceof Value);
            List<Versioned> values = new ArrayList<>();
            for (Answer a : answers) {
                if (a.reply() instanceof Value v) {
                    values.add(v.value());
                }
            }
            if (values.size() >= readQuorum) {
                Versioned newest = Versioned.ABSENT;
                for (Versioned v : values) {
                    if (v.newerThan(newest)) {
                        newest = v;
                    }
                }
                Versioned highest = newest;
                long upToDate = values.stream()
                        .filter(v -> v.version() == highest.version())
                        .count();
                if (!repair || upToDate >= majority()) {
                    return Optional.of(newest);
                }
                if (put(key, newest).acknowledged()) {
                    Assertions.sometimes(true, "a read repaired a replica that was behind");
                    return Optional.of(newest);
                }
            }
            pause(attempt);
        }
        return Optional.empty();
    }

    /**
     * Reads a key from every replica on its own, one attempt each: what each replica holds.
     *
     * @param key the key
     * @return each replica that answered, with its value, in the order of the replicas given
     * @throws InterruptedException if the caller is interrupted
     */
    public Map<InetAddress, Versioned> getEach(String key) throws InterruptedException {
        List<Answer> answers = ask(new Get(key), replicas.size(), reply -> reply instanceof Value);
        Map<InetAddress, Versioned> each = new LinkedHashMap<>();
        for (InetAddress replica : replicas) {
            for (Answer a : answers) {
                if (a.replica().equals(replica) && a.reply() instanceof Value v) {
                    each.put(replica, v.value());
                }
            }
        }
        return each;
    }

    /** Closes the idle connections. */
    @Override
    public void close() {
        idleLock.lock();
        try {
            for (Connection c : idle.values()) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            idle.clear();
        } finally {
            idleLock.unlock();
        }
    }

    private int majority() {
        return replicas.size() / 2 + 1;
    }

    private void pause(int attempt) throws InterruptedException {
        ctx.time().sleep(RETRY_PAUSE.multipliedBy(attempt));
    }

    private static int count(List<Answer> answers, java.util.function.Predicate<Message> good) {
        int n = 0;
        for (Answer a : answers) {
            if (a.reply() != null && good.test(a.reply())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Sends {@code request} to every replica (in a seeded-random order, each on a task of its own) and collects
     * answers until {@code wanted} are good and the others had {@link #LINGER} more, or every replica
     * answered, or the request timeout passed. A replica that failed answers with a null reply.
     */
    private List<Answer> ask(Message request, int wanted, java.util.function.Predicate<Message> good)
            throws InterruptedException {
        List<InetAddress> order = new ArrayList<>(replicas);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = ctx.random().nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        LinkedBlockingQueue<Answer> inbox = new LinkedBlockingQueue<>();
        for (InetAddress replica : order) {
            ctx.tasks().spawn("kv-client-" + replica.getHostAddress(), () -> {
                Message reply = null;
                try {
                    reply = call(replica, request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // down, slow, reset or corrupt: this replica's answer is missing
                }
                inbox.add(new Answer(replica, reply));
                return null;
            });
        }
        List<Answer> answers = new ArrayList<>();
        long deadline = ctx.time().nanoTime() + REQUEST_TIMEOUT.plus(LINGER).toNanos();
        long lingerUntil = Long.MAX_VALUE;
        while (answers.size() < order.size()) {
            long left = Math.min(deadline, lingerUntil) - ctx.time().nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                answers.add(ctx.time().timeout(Duration.ofNanos(left), inbox::take));
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("waiting for replies failed", e);
            }
            if (lingerUntil == Long.MAX_VALUE && count(answers, good) >= wanted) {
                lingerUntil = ctx.time().nanoTime() + LINGER.toNanos();
            }
        }
        return answers;
    }

    /** One request to one replica on its connection, within the request timeout; drops the connection on error. */
    private Message call(InetAddress replica, Message request) throws Exception {
        Connection taken;
        idleLock.lock();
        try {
            taken = idle.remove(replica);
        } finally {
            idleLock.unlock();
        }
        Connection[] connection = {taken};
        try {
            Message reply = ctx.time().timeout(REQUEST_TIMEOUT, () -> {
                if (connection[0] == null) {
                    connection[0] = ctx.network().connect(new InetSocketAddress(replica, port));
                }
                Wire.write(connection[0].output(), request);
                Message r = Wire.read(connection[0].input());
                if (r == null) {
                    throw new EOFException("the replica closed the connection");
                }
                return r;
            });
            idleLock.lock();
            try {
                Connection previous = idle.put(replica, connection[0]);
                if (previous != null) {
                    previous.close();
                }
            } finally {
                idleLock.unlock();
            }
            return reply;
        } catch (Exception e) {
            if (connection[0] != null) {
                connection[0].abort(); // a late reply must not be read as the answer to the next request
            }
            throw e;
        }
    }
}
