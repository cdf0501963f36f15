package io.moonpool.net;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settle decides from the events themselves, not from instants sampled on a period of its own. */
class SettleTest {

    /**
     * Processes that heartbeat each other forever: a byte in flight for 350 µs out of every period. There is
     * an idle instant after every delivery, so the run settles whatever the period; a settle that sampled
     * every 100 ms would see a byte in flight at each sample when the period divides 100 ms with the wrong
     * phase.
     */
    @ParameterizedTest
    @ValueSource(longs = {1_000, 1_300, 500, 400})
    void aClusterHeartbeatingForeverSettles(long periodMicros) {
        RunResult run = SimulationBuilder.create()
                .processes(2, () -> ctx -> {
                    InetAddress me = ctx.ip();
                    InetAddress peer = ctx.topology()
                            .processIps()
                            .get(me.equals(ctx.topology().processIps().getFirst()) ? 1 : 0);
                    Listener listener = ctx.network().bind(new InetSocketAddress(me, 7000));
                    ctx.tasks().spawn("reader", () -> {
                        try (Connection in = listener.accept()) {
                            while (in.input().read() >= 0) {
                                // a heartbeat arrived
                            }
                        }
                        return null;
                    });
                    ctx.time().sleep(Duration.ofMillis(1));
                    try (Connection out = ctx.network().connect(new InetSocketAddress(peer, 7000))) {
                        while (true) {
                            out.output().write(1);
                            ctx.time().sleep(Duration.ofNanos(periodMicros * 1_000));
                        }
                    }
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        run.assertPassed();
    }
}
