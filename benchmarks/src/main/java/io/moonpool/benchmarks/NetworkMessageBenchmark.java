package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * One simulated message: a 64-byte write on one end of a {@code ctx.network()} connection, to the read of
 * those 64 bytes on the other end. Each invocation is one whole simulation iteration that sends
 * {@value #MESSAGES} messages, so the figure is the time per message; the iteration's fixed cost (builder,
 * kernel, network, the connect) is included and amortised over the {@value #MESSAGES} messages.
 *
 * <p>Subjects, with the default {@link io.moonpool.net.NetworkConfig} (350 µs delivery, no faults):
 * <ul>
 *   <li>{@link #simulatedBurst}: the client writes all messages back to back. Writes do not block, so they
 *       all arrive in one delivery event and the server reads them one after another without parking: the
 *       data path (copy, in-flight queue, delivery, read) without a task switch per message.</li>
 *   <li>{@link #simulatedPaced}: the client sleeps 1 µs of simulated time after each write, so every message
 *       is delivered by its own event and wakes the server on its own: the data path plus one timer, one
 *       delivery event and two task switches per message. This is the per-message worst case.</li>
 * </ul>
 * Baseline: {@link #baselineQueue}, the same hand-off between two virtual threads on the JDK's default
 * scheduler, through an unbounded {@link LinkedBlockingQueue}: the writer copies each message into a fresh
 * array (as the simulated write does) and puts it; the reader takes it and copies it into its buffer (as
 * the simulated read does). An unbounded queue matches the simulated write, which never blocks on a full
 * buffer. Target (DESIGN.md): at most 2 µs per message.
 */
public class NetworkMessageBenchmark extends AbstractBenchmark {

    /** Messages per invocation, over which the per-iteration setup is amortised. */
    public static final int MESSAGES = 10_000;

    /** Bytes per message. */
    public static final int MESSAGE_SIZE = 64;

    private static final InetSocketAddress SERVER = new InetSocketAddress(address("10.0.0.1"), 7000);

    private static final Duration PACING = Duration.ofNanos(1_000);

    private static final Workload BURST = new OneWay(Duration.ZERO);

    private static final Workload PACED = new OneWay(PACING);

    /** A client task writes {@link #MESSAGES} messages; the workload's own task reads each of them. */
    private record OneWay(Duration pause) implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(SERVER);
            TaskHandle<Void> client = ctx.tasks().spawn("client", () -> {
                byte[] message = new byte[MESSAGE_SIZE];
                try (Connection c = ctx.network().connect(SERVER)) {
                    OutputStream out = c.output();
                    for (int i = 0; i < MESSAGES; i++) {
                        message[0] = (byte) i;
                        out.write(message, 0, MESSAGE_SIZE);
                        if (pause.isPositive()) {
                            ctx.time().sleep(pause);
                        }
                    }
                }
                return null;
            });
            try (Connection server = listener.accept()) {
                InputStream in = server.input();
                byte[] buffer = new byte[MESSAGE_SIZE];
                for (int i = 0; i < MESSAGES; i++) {
                    readMessage(in, buffer);
                    if (buffer[0] != (byte) i) {
                        throw new IllegalStateException("message " + i + " arrived out of order");
                    }
                }
                if (in.read() != -1) {
                    throw new IllegalStateException("expected the end of the stream");
                }
            }
            client.join();
        }
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads exactly one message; a read may return fewer bytes than asked, as on a real stream. */
    private static void readMessage(InputStream in, byte[] buffer) throws IOException {
        int got = 0;
        while (got < buffer.length) {
            int n = in.read(buffer, got, buffer.length - got);
            if (n < 0) {
                throw new EOFException("the stream ended after " + got + " bytes of a message");
            }
            got += n;
        }
    }

    /**
     * Subject: {@value #MESSAGES} messages written back to back and read one by one, in one iteration.
     *
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long simulatedBurst() {
        return runIteration(BURST);
    }

    /**
     * Subject: {@value #MESSAGES} messages 1 µs of simulated time apart, each delivered by its own event.
     *
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long simulatedPaced() {
        return runIteration(PACED);
    }

    /**
     * Baseline: the same messages between two virtual threads through a {@link LinkedBlockingQueue}.
     *
     * @return the last byte read, so that the work is not dead code
     * @throws InterruptedException if the benchmark thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int baselineQueue() throws InterruptedException {
        LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        int[] last = new int[1];
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().name("writer").start(() -> {
            byte[] message = new byte[MESSAGE_SIZE];
            for (int i = 0; i < MESSAGES; i++) {
                message[0] = (byte) i;
                queue.add(Arrays.copyOf(message, MESSAGE_SIZE));
            }
        });
        Thread reader = Thread.ofVirtual().name("reader").start(() -> {
            byte[] buffer = new byte[MESSAGE_SIZE];
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] message = queue.take();
                    System.arraycopy(message, 0, buffer, 0, MESSAGE_SIZE);
                    if (buffer[0] != (byte) i) {
                        throw new IllegalStateException("message " + i + " arrived out of order");
                    }
                }
                last[0] = buffer[0];
            } catch (InterruptedException | RuntimeException e) {
                failure.set(e);
            }
        });
        writer.join();
        reader.join();
        if (failure.get() != null) {
            throw new IllegalStateException("the reader failed", failure.get());
        }
        return last[0];
    }
}
