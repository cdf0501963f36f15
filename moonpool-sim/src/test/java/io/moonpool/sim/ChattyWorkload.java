package io.moonpool.sim;

import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A workload with many interleaving decisions: tasks that sleep random times, contend for a lock and a
 * monitor, and pass items through a bounded queue. Records the order in which things happened.
 */
final class ChattyWorkload implements Workload {

    final List<String> log = new ArrayList<>();

    @Override
    public void setup(SimContext ctx) {
        log.clear();
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(2);
        ReentrantLock lock = new ReentrantLock();
        Object monitor = new Object();
        List<TaskHandle<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String name = "producer-" + p;
            int base = 100 * p;
            tasks.add(ctx.tasks().spawn(name, () -> {
                for (int i = 0; i < 6; i++) {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(4)));
                    lock.lock();
                    try {
                        log.add(name + " put " + (base + i));
                    } finally {
                        lock.unlock();
                    }
                    queue.put(base + i);
                }
                return null;
            }));
        }
        tasks.add(ctx.tasks().spawn("consumer", () -> {
            for (int i = 0; i < 18; i++) {
                int item = queue.take();
                synchronized (monitor) {
                    log.add("took " + item + " at " + ctx.time().nanoTime());
                    if (ctx.random().nextInt(3) == 0) {
                        ctx.time().sleep(Duration.ofMillis(1));
                    }
                }
            }
            return null;
        }));
        for (TaskHandle<Void> t : tasks) {
            t.join();
        }
    }
}
