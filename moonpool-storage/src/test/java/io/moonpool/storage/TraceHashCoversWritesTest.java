package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.junit.jupiter.api.Test;

/** The trace hash covers what was written to a disk, not only when. */
class TraceHashCoversWritesTest {

    private static Workload writing(byte payload) {
        return ctx -> {
            try (FileChannel c = ctx.storage().open("f", CREATE, WRITE)) {
                c.write(ByteBuffer.wrap(new byte[] {payload, 2, 3}));
                c.force(true);
            }
        };
    }

    private static long hash(Workload w) {
        SimulationReport report =
                SimulationBuilder.create().workload(w).seeds(9).run();
        report.assertPassed(); // a hash of a broken run would differ for another reason
        return report.runs().getFirst().traceHash();
    }

    @Test
    void otherBytesWrittenAtTheSameInstantsGiveAnotherTraceHash() {
        assertEquals(hash(writing((byte) 1)), hash(writing((byte) 1)));
        assertNotEquals(hash(writing((byte) 1)), hash(writing((byte) 7)));
    }
}
