package io.moonpool.sim;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest {
    @Test
    void runs() {
        BlockingQueue<Integer> q = new ArrayBlockingQueue<>(2);
        SimulationReport r = SimulationBuilder.create().workload(new Workload() {
            @Override
            public void run(SimContext ctx) throws Exception {
                ctx.tasks().spawn("producer", () -> {
                    for (int i = 0; i < 10; i++) {
                        ctx.time().sleep(Duration.ofMillis(10));
                        q.put(i);
                    }
                    return null;
                });
                int sum = 0;
                for (int i = 0; i < 10; i++) {
                    sum += q.take();
                }
                assertEquals(45, sum);
                synchronized (this) {
                    ctx.time().sleep(Duration.ofSeconds(1));
                }
            }
        }).seeds(1, 2, 3).run();
        System.out.println(r);
        assertTrue(r.passed(), r::toString);
    }
}
