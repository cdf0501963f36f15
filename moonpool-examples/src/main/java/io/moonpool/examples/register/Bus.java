package io.moonpool.examples.register;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Message passing between the example's nodes until the simulated network exists: each life of a server
 * registers a fresh inbox, so that, as on a network, what was sent to a crashed life is lost with it. (Sharing
 * one JDK queue across lives would be shared memory between processes: a task killed while waiting in it
 * can swallow a signal meant for the next life.) A request's reply is a future; a crashed server never
 * completes it, so callers bound their waits with {@code ctx.time().timeout(...)}.
 */
public final class Bus {

    /** What a server is asked to do. */
    public sealed interface Request permits Write, Read {
        /** Where the answer goes. */
        CompletableFuture<Versioned> reply();
    }

    /** Store {@code value} if {@code value.version()} is newer than what the server has. */
    public record Write(Versioned value, CompletableFuture<Versioned> reply) implements Request {}

    /** Answer with the current value. */
    public record Read(CompletableFuture<Versioned> reply) implements Request {}

    /** A value and its version; a higher version wins. */
    public record Versioned(long version, String value) {
        /** The value before any write. */
        public static final Versioned INITIAL = new Versioned(0, "");
    }

    private static Bus current;

    private final Map<InetAddress, BlockingQueue<Request>> inboxes = new HashMap<>();

    /** Starts a fresh bus for a new iteration; called from the writer's setup, before servers boot. */
    static Bus reset() {
        current = new Bus();
        return current;
    }

    /** The bus of the running iteration. */
    static Bus current() {
        return current;
    }

    /** Registers the inbox of a server's new life; what the previous life had not taken is lost. */
    BlockingQueue<Request> open(InetAddress server) {
        BlockingQueue<Request> inbox = new LinkedBlockingQueue<>();
        inboxes.put(server, inbox);
        return inbox;
    }

    /** Delivers a request to a server's current life; dropped if the server never booted. */
    void send(InetAddress server, Request request) {
        BlockingQueue<Request> inbox = inboxes.get(server);
        if (inbox != null) {
            inbox.add(request);
        }
    }
}
