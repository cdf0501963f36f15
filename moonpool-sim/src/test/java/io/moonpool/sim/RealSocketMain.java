package io.moonpool.sim;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For the fresh-JVM test of real I/O in a simulation: in a JVM that has used no socket yet, runs seeds whose
 * workload uses a real loopback socket, then a clean seed, then a plain virtual thread that sends a byte over
 * loopback outside any simulation. Prints one line per outcome: {@code escape <seed> <kind> <source>} (and
 * the message on the next line), {@code clean <outcome>}, {@code outside <byte received or failure>}.
 */
public final class RealSocketMain {

    private static final int TIMEOUT_MILLIS = 60_000;

    private RealSocketMain() {}

    /**
     * Entry point.
     *
     * @param args none
     * @throws InterruptedException if interrupted while waiting for the virtual thread outside the simulation
     */
    public static void main(String[] args) throws InterruptedException {
        SimulationReport escapes = SimulationBuilder.create()
                .workload(new RealSocketWorkload())
                .seeds(1, 2, 3)
                .run();
        for (RunResult r : escapes.runs()) {
            System.out.println("escape " + r.seed() + " "
                    + r.failure()
                            .map(f -> f.kind() + " " + f.source() + System.lineSeparator() + f.message())
                            .orElse("PASSED"));
        }

        RunResult clean = Sims.runOnce(4, new ChattyWorkload());
        System.out.println("clean " + clean.failure().map(RunFailure::summary).orElse("PASSED"));

        AtomicReference<Object> received = new AtomicReference<>("nothing");
        Thread outside = Thread.ofVirtual().start(() -> {
            try {
                received.set(sendOneByteOverLoopback(42));
            } catch (IOException | RuntimeException | Error e) {
                received.set(e);
            }
        });
        outside.join(TIMEOUT_MILLIS);
        System.out.println("outside " + received.get());
    }

    /** Sends {@code b} from a client to a server over loopback and returns what the server read. */
    private static int sendOneByteOverLoopback(int b) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            accepted.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = client.getOutputStream();
            out.write(b);
            out.flush();
            InputStream in = accepted.getInputStream();
            return in.read();
        }
    }

    /** Connects a real loopback socket and reads from it, as a workload must not: nobody ever writes. */
    private static final class RealSocketWorkload implements Workload {

        @Override
        public void run(SimContext ctx) throws IOException {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket server = new ServerSocket(0, 1, loopback);
                    Socket client = new Socket(loopback, server.getLocalPort());
                    Socket accepted = server.accept()) {
                client.setSoTimeout(0); // no timeout: a plain blocking read, the kind a real server makes
                accepted.getInputStream().read();
            }
        }
    }
}
