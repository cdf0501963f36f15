package io.moonpool.examples.register;

import io.moonpool.api.Assertions;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.examples.register.Bus.Read;
import io.moonpool.examples.register.Bus.Versioned;
import io.moonpool.examples.register.Bus.Write;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Writes new versions to every server and counts a write as acknowledged once a majority confirmed it; in
 * {@code check}, every server must hold at least the last acknowledged version.
 */
public final class RegisterWorkload implements Workload {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

    private final int writes;
    private long lastAcknowledged;

    /**
     * Creates the workload.
     *
     * @param writes how many versions to write
     */
    public RegisterWorkload(int writes) {
        this.writes = writes;
    }

    @Override
    public void setup(SimContext ctx) {
        Bus.reset();
        lastAcknowledged = 0;
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        List<InetAddress> servers = ctx.topology().processIps();
        int majority = servers.size() / 2 + 1;
        for (long version = 1; version <= writes; version++) {
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(50, 500)));
            Versioned value = new Versioned(version, "v" + version);
            List<CompletableFuture<Versioned>> replies = new ArrayList<>();
            for (InetAddress server : servers) {
                CompletableFuture<Versioned> reply = new CompletableFuture<>();
                Bus.current().send(server, new Write(value, reply));
                replies.add(reply);
            }
            int acks = acks(ctx, replies, version);
            if (acks >= majority) {
                lastAcknowledged = version;
            }
            Assertions.sometimes(
                    acks >= majority && acks < servers.size(), "a write was acknowledged while one replica was down");
        }
    }

    /** Counts servers that confirmed holding {@code version} or newer, waiting at most the ack timeout. */
    private static int acks(SimContext ctx, List<CompletableFuture<Versioned>> replies, long version) throws Exception {
        long deadline = ctx.time().nanoTime() + ACK_TIMEOUT.toNanos();
        int acks = 0;
        for (CompletableFuture<Versioned> reply : replies) {
            long left = Math.max(0, deadline - ctx.time().nanoTime());
            try {
                if (ctx.time().timeout(Duration.ofNanos(left), reply::get).version() >= version) {
                    acks++;
                }
            } catch (TimeoutException e) {
                // that server is down or slow: its vote is missing
            }
        }
        return acks;
    }

    @Override
    public void check(SimContext ctx) throws Exception {
        for (InetAddress server : ctx.topology().processIps()) {
            CompletableFuture<Versioned> reply = new CompletableFuture<>();
            Bus.current().send(server, new Read(reply));
            Versioned held;
            try {
                held = ctx.time().timeout(Duration.ofSeconds(5), reply::get);
            } catch (TimeoutException e) {
                throw new AssertionError(server.getHostAddress() + " did not answer a read within 5 s", e);
            }
            Assertions.always(held.version() >= lastAcknowledged, "every replica holds the last acknowledged write");
            if (held.version() < lastAcknowledged) {
                throw new AssertionError(server.getHostAddress() + " holds version " + held.version() + " but version "
                        + lastAcknowledged + " was acknowledged by a majority");
            }
        }
    }

    @Override
    public String name() {
        return "RegisterWriter";
    }
}
