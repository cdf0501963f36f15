package io.moonpool.runtime;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The forked JVM of {@link SigtermTest}: a node with its shutdown hook, running a process that says when it has
 * started and writes a file when it sees the {@code Shutdown} signal, with a task whose failure nobody joins.
 */
public final class SigtermNode {

    private SigtermNode() {}

    /**
     * Runs the node until SIGTERM.
     *
     * @param args the file to write when the signal is seen
     * @throws Exception if the node fails
     */
    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[0]);
        NodeRuntime node = NodeRuntime.builder()
                .ip(InetAddress.getByName("127.0.0.1"))
                .gracePeriod(Duration.ofSeconds(20))
                .seed(1)
                .build();
        node.run(ctx -> {
            // a failure nobody joins: logged when the node stops
            var doomed = ctx.tasks().spawn("doomed", () -> {
                throw new IllegalStateException("a failure nobody joined");
            });
            for (int i = 0; i < 10_000 && !doomed.isDone(); i++) {
                ctx.time().sleep(Duration.ofMillis(1));
            }
            System.out.println("started");
            System.out.flush();
            ctx.shutdown().await();
            Files.writeString(marker, "shutdown observed by " + ctx.ip().getHostAddress());
        });
    }
}
