package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Connection;
import io.moonpool.api.FailureKind;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.StopReason;
import io.moonpool.sim.TimelineEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A planted bug that needs a rare interleaving: two clients increment one register with read-modify-write, so an
 * increment is lost only when both read the same value before either writes. A coverage-driven run keeps going
 * until the rare interleaving has happened, finds the failing seed, and the seed's timeline (user logging
 * included) shows the two reads and writes that lost the update; replaying the seed repeats failure and timeline.
 */
class LostUpdateIT {

    private static final Logger LOG = LoggerFactory.getLogger(LostUpdateIT.class);

    private static final int PORT = 6000;
    private static final int CLIENTS = 2;
    private static final int INCREMENTS = 8;

    /** One register: {@code 'G'} answers the value, {@code 'P' v} sets it and answers it. */
    static final class RegisterServer implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            long[] value = {0};
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            while (true) {
                Connection c = listener.accept();
                ctx.tasks().spawn("serve " + c.remoteAddress(), () -> {
                    DataInputStream in = new DataInputStream(c.input());
                    DataOutputStream out = new DataOutputStream(c.output());
                    int op;
                    while ((op = in.read()) >= 0) {
                        if (op == 'P') {
                            value[0] = in.readLong();
                        }
                        out.writeLong(value[0]);
                        out.flush();
                    }
                    c.close();
                    return null;
                });
            }
        }
    }

    /** Two clients that each add {@value #INCREMENTS} to the register, by reading it and writing it plus one. */
    static final class Increments implements Workload {
        private long[] lastRead;
        private boolean[] pending;

        @Override
        public void setup(SimContext ctx) {
            lastRead = new long[CLIENTS];
            pending = new boolean[CLIENTS];
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1)); // the server binds as the run phase starts
            List<TaskHandle<Void>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int me = i;
                clients.add(ctx.tasks().spawn("client-" + me, () -> {
                    increment(ctx, me);
                    return null;
                }));
            }
            for (TaskHandle<Void> c : clients) {
                c.join();
            }
        }

        private void increment(SimContext ctx, int me) throws Exception {
            try (Connection c = connect(ctx)) {
                DataInputStream in = new DataInputStream(c.input());
                DataOutputStream out = new DataOutputStream(c.output());
                for (int n = 0; n < INCREMENTS; n++) {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(0, 1_000)));
                    out.write('G');
                    out.flush();
                    long v = in.readLong();
                    LOG.info("client-{} read {}", me, v);
                    int other = 1 - me;
                    Assertions.sometimes(
                            pending[other] && lastRead[other] == v, "two clients read the same value before a write");
                    lastRead[me] = v;
                    pending[me] = true;
                    out.write('P');
                    out.writeLong(v + 1);
                    out.flush();
                    in.readLong();
                    pending[me] = false;
                    LOG.info("client-{} wrote {}", me, v + 1);
                }
            }
        }

        @Override
        public void check(SimContext ctx) throws Exception {
            try (Connection c = connect(ctx)) {
                new DataOutputStream(c.output()).write('G');
                long v = new DataInputStream(c.input()).readLong();
                LOG.info("final value {}", v);
                Assertions.always(v == (long) CLIENTS * INCREMENTS, "no increment is lost");
            }
        }

        private static Connection connect(SimContext ctx) throws IOException {
            return ctx.network()
                    .connect(new InetSocketAddress(ctx.topology().processIps().getFirst(), PORT));
        }
    }

    private static SimulationBuilder lostUpdates() {
        return SimulationBuilder.create()
                .processes(1, RegisterServer::new)
                .workload(new Increments())
                .buggify(false);
    }

    @Test
    void aCoverageDrivenRunFindsTheLostUpdateAndItsSeedReplaysTheSameFailureAndTimeline() {
        SimulationReport report = lostUpdates().untilCoverage(2_000).plateau(10).run();
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason(), report::toString);
        assertFalse(report.failedSeeds().isEmpty(), report::toString);
        assertTrue(
                report.runs().size() > 10,
                "the interleaving is rare: " + report.runs().size() + " seeds");
        long seed = report.failedSeeds().getFirst();
        RunFailure failure = report.runs().stream()
                .filter(r -> r.seed() == seed)
                .findFirst()
                .orElseThrow()
                .failure()
                .orElseThrow();
        assertEquals(FailureKind.ASSERTION, failure.kind());
        assertTrue(failure.message().contains("'no increment is lost'"), failure.message());
        List<TimelineEntry> timeline = report.timeline(seed);

        SimulationReport replay = lostUpdates().seeds(seed).run();
        RunFailure again = replay.runs().getFirst().failure().orElseThrow();
        assertEquals(failure.message(), again.message());
        assertEquals(timeline, replay.timeline(seed), "a replay gives the same timeline, entry by entry");

        // the timeline shows the operations: both clients read one value, and both wrote the same next one
        Map<String, List<String>> readersOf = new TreeMap<>();
        for (TimelineEntry e : timeline) {
            if (e.what().equals("log INFO") && e.subject().contains(" read ")) {
                String value = e.subject().substring(e.subject().lastIndexOf(' ') + 1);
                readersOf.computeIfAbsent(value, k -> new ArrayList<>()).add(e.task());
            }
        }
        assertTrue(
                readersOf.values().stream().anyMatch(tasks -> tasks.contains("client-0") && tasks.contains("client-1")),
                "no value was read by both clients: " + readersOf);
        assertTrue(
                timeline.stream()
                        .anyMatch(
                                e -> e.what().equals("log INFO") && e.subject().contains("final value")),
                "the check's log line is in the timeline");
        assertTrue(report.toString().contains("final value"), "the report prints the end of the timeline");
    }
}
