package io.moonpool.it;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Swarm;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.sim.SimulationBuilder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * The simulations the parallel and sharded tests run, each as a recipe a worker JVM calls
 * ({@code .source(ParallelSimulations.class, "cluster")}): three ledger servers that count on disk and answer
 * over the network, clients that retry through attrition's reboots, and every kind of report table.
 */
public final class ParallelSimulations {

    /** The port every ledger server listens on. */
    static final int PORT = 6100;

    /** The system property naming the seed whose worker JVM halts. */
    static final String HALT_SEED = "moonpool.it.haltSeed";

    /** The system property naming the parent's pid, which never halts. */
    static final String PARENT_PID = "moonpool.it.parentPid";

    private ParallelSimulations() {}

    /**
     * The ledger cluster under attrition, with the network and storage.
     *
     * @return its builder, without seeds or counts
     */
    public static SimulationBuilder cluster() {
        return SimulationBuilder.create()
                .processes(3, LedgerServer::new)
                .workload(new Clients())
                .attrition(Attrition.builder().maxDead(1).build())
                .chaosDuration(Duration.ofSeconds(2))
                .expect("a ledger grew past 3");
    }

    /**
     * A trivial simulation whose workload halts its JVM in one seed, when that JVM is a worker.
     *
     * @param builder configured here (the other shape of a recipe)
     */
    public static void halting(SimulationBuilder builder) {
        builder.workload(new Halting());
    }

    /**
     * A coverage-driven simulation: buckets keep appearing for a while, so where the plateau comes depends on
     * every seed before it.
     *
     * @return its builder
     */
    public static SimulationBuilder buckets() {
        return SimulationBuilder.create().workload(ctx -> {
            ctx.time().sleep(Duration.ofMillis(1));
            Assertions.sometimesEach("bucket", ctx.random().nextInt(40));
        });
    }

    /** Counts the bytes it is sent on its disk, durably, and answers the count. */
    static final class LedgerServer implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            FileChannel ledger = ctx.storage().open("ledger", CREATE, READ, WRITE);
            ByteBuffer eight = ByteBuffer.allocate(8);
            long[] count = {ledger.size() >= 8 && ledger.read(eight, 0) == 8 ? eight.getLong(0) : 0};
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            while (true) {
                Connection c = listener.accept();
                ctx.tasks().spawn("serve " + c.remoteAddress(), () -> {
                    try (c) {
                        DataInputStream in = new DataInputStream(c.input());
                        DataOutputStream out = new DataOutputStream(c.output());
                        while (in.read() >= 0) {
                            count[0]++;
                            ledger.write(ByteBuffer.allocate(8).putLong(0, count[0]), 0);
                            ledger.force(true);
                            out.writeLong(count[0]);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the client or the network went away: the next connection goes on
                    }
                    return null;
                });
            }
        }
    }

    /** Sends increments to every server, retrying through reboots, and records what it saw. */
    static final class Clients implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1));
            int target = ctx.random().nextInt(60);
            // a planted failure in about 1 seed in 60: the report then has failing seeds to verify
            Assertions.always(target != 7, "no unlucky target");
            boolean fast = Swarm.enabled("fast retries");
            for (int op = 0; op < 4; op++) {
                for (InetAddress ip : ctx.topology().processIps()) {
                    long start = ctx.time().nanoTime();
                    for (int attempt = 0; attempt < 20; attempt++) {
                        try (Connection c = ctx.network().connect(new InetSocketAddress(ip, PORT))) {
                            DataOutputStream out = new DataOutputStream(c.output());
                            out.write(1);
                            out.flush();
                            long count = new DataInputStream(c.input()).readLong();
                            Assertions.sometimes(count > 3, "a ledger grew past 3");
                            Assertions.sometimesEach("attempts", Math.min(attempt, 3));
                            break;
                        } catch (IOException e) {
                            ctx.time().sleep(Duration.ofMillis(fast ? 50 : 500));
                        }
                    }
                    ctx.metrics().record("op.micros", (ctx.time().nanoTime() - start) / 1_000);
                    if (Buggify.fire("client pause")) {
                        ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(200)));
                    }
                }
            }
        }
    }

    /** Halts the JVM in the seed named by {@link #HALT_SEED}, unless it is the parent. */
    static final class Halting implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1 + ctx.random().nextInt(10)));
            Long halt = Long.getLong(HALT_SEED);
            Long parent = Long.getLong(PARENT_PID);
            if (halt != null
                    && halt == ctx.seed()
                    && parent != null
                    && parent != ProcessHandle.current().pid()) {
                System.err.println("halting on purpose in seed " + ctx.seed());
                System.err.flush();
                Runtime.getRuntime().halt(37);
            }
            Assertions.sometimes(true, "ran");
        }
    }
}
