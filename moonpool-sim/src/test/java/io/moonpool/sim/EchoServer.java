package io.moonpool.sim;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A test process that listens on a port and writes back every byte of every connection it accepts, each
 * connection on a task of its own. Its helpers serve processes that echo besides doing something else.
 *
 * @param port the port it listens on
 */
public record EchoServer(int port) implements SimProcess {

    @Override
    public void run(SimContext ctx) throws Exception {
        serve(ctx, ctx.network().bind(new InetSocketAddress(ctx.ip(), port)));
    }

    /**
     * Binds the port and echoes on a task of its own, so that the caller can go on with something else.
     *
     * @param ctx  the process
     * @param port the port to listen on
     * @throws IOException if binding fails
     */
    public static void inBackground(SimContext ctx, int port) throws IOException {
        Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), port));
        ctx.tasks().spawn("acceptor", () -> {
            serve(ctx, listener);
            return null;
        });
    }

    /**
     * Accepts for ever, echoing each connection on a task of its own; a connection that breaks (a reset under
     * faults) ends its task, as expected.
     *
     * @param ctx      the process
     * @param listener where connections arrive
     * @throws IOException if accepting fails
     */
    public static void serve(SimContext ctx, Listener listener) throws IOException {
        while (true) {
            Connection c = listener.accept();
            ctx.tasks()
                    .spawn("echo", () -> {
                        echo(c);
                        return null;
                    })
                    .expectFailure();
        }
    }

    /**
     * Writes back whatever it reads, until the end of the stream.
     *
     * @param c the connection
     * @throws IOException if reading or writing fails
     */
    public static void echo(Connection c) throws IOException {
        byte[] buf = new byte[512];
        int n;
        while ((n = c.input().read(buf)) >= 0) {
            c.output().write(buf, 0, n);
        }
    }
}
