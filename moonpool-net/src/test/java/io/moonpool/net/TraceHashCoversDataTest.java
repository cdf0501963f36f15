package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import org.junit.jupiter.api.Test;

/** The trace hash covers what was delivered, not only when: the same timing with other bytes is another hash. */
class TraceHashCoversDataTest {

    private static Workload sending(byte payload) {
        return ctx -> {
            Listener l = ctx.network().bind(SERVER);
            Connection client = ctx.network().connect(SERVER);
            Connection server = l.accept();
            client.output().write(new byte[] {payload, 2, 3});
            server.input().readNBytes(3);
        };
    }

    private static long hash(Workload w) {
        SimulationReport report =
                SimulationBuilder.create().workload(w).seeds(9).run();
        report.assertPassed(); // a hash of a broken run would differ for another reason
        return report.runs().getFirst().traceHash();
    }

    @Test
    void otherBytesAtTheSameInstantsGiveAnotherTraceHash() {
        assertEquals(hash(sending((byte) 1)), hash(sending((byte) 1)));
        assertNotEquals(hash(sending((byte) 1)), hash(sending((byte) 7)));
    }
}
