package io.moonpool.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.sim.ForkedJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processes that serialise disk writes with {@code synchronized}, under attrition: a task killed inside the
 * monitor used to keep every task queued on it, and the whole iteration with its disks, reachable for ever
 * (about 7.5 MiB an iteration, until OutOfMemoryError).
 */
class SynchronizedWritersTest {

    @Test
    void writersKilledInsideSynchronizedUnderAttritionKeepTheHeapBounded() throws Exception {
        int iterations = Integer.getInteger("moonpool.synchronizedWriters.iterations", 200);
        ForkedJvm.Result r = ForkedJvm.run(
                SynchronizedWritersMain.class, true, List.of("-Xmx128m"), List.of(Integer.toString(iterations), "100"));
        assertEquals(0, r.exitCode(), r.output());
        String last = r.output()
                .lines()
                .filter(l -> l.startsWith("most heap after GC: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.output()));
        long mib = Long.parseLong(last.substring("most heap after GC: ".length(), last.indexOf(" MiB")));
        assertTrue(
                mib < 64, "heap after GC reached " + mib + " MiB over " + iterations + " iterations:\n" + r.output());
    }
}
