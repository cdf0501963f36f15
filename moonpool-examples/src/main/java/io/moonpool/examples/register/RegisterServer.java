package io.moonpool.examples.register;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.examples.register.Bus.Read;
import io.moonpool.examples.register.Bus.Request;
import io.moonpool.examples.register.Bus.Versioned;
import io.moonpool.examples.register.Bus.Write;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One replica. Its value lives in memory only, so a reboot loses it: on boot, before serving, it reads every
 * peer and keeps the newest value, which is why a write acknowledged by a majority survives any single
 * reboot.
 */
public final class RegisterServer implements SimProcess {

    private static final Duration PEER_TIMEOUT = Duration.ofMillis(500);

    private Versioned value = Versioned.INITIAL;

    @Override
    public void run(SimContext ctx) throws Exception {
        Bus bus = Bus.current();
        BlockingQueue<Request> inbox = bus.open(ctx.ip());
        for (InetAddress peer : ctx.topology().processIps()) {
            if (!peer.equals(ctx.ip())) {
                Versioned theirs = ask(ctx, bus, peer);
                if (theirs != null && theirs.version() > value.version()) {
                    value = theirs;
                }
            }
        }
        while (!ctx.shutdown().isRequested()) {
            Request request;
            try {
                // wake up now and then to notice a graceful shutdown
                request = ctx.time().timeout(Duration.ofSeconds(1), inbox::take);
            } catch (TimeoutException idle) {
                continue;
            }
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 5))); // service time
            if (request instanceof Write w && w.value().version() > value.version()) {
                value = w.value();
            }
            request.reply().complete(value);
        }
    }

    /** Reads a peer's value; null if it does not answer in time (it may be down). */
    private static Versioned ask(SimContext ctx, Bus bus, InetAddress peer) throws Exception {
        CompletableFuture<Versioned> reply = new CompletableFuture<>();
        bus.send(peer, new Read(reply));
        try {
            return ctx.time().timeout(PEER_TIMEOUT, reply::get);
        } catch (TimeoutException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "register";
    }
}
