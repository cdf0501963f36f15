package io.moonpool.runtime.internal;

import io.moonpool.api.TaskHandle;
import io.moonpool.api.Tasks;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Tasks} of a node: each task a virtual thread the node owns, and one virtual-thread-per-task executor
 * whose threads the node owns too, closed when the node stops.
 */
public final class NodeTasks implements Tasks {

    private final NodeLife life;
    private final ExecutorService executor;

    /**
     * The tasks of a node.
     *
     * @param life the node
     */
    public NodeTasks(NodeLife life) {
        this.life = life;
        AtomicLong count = new AtomicLong();
        String prefix = life.ip().getHostAddress() + " executor-";
        ThreadFactory threads = body -> life.newThread(prefix + count.incrementAndGet(), body);
        this.executor = Executors.newThreadPerTaskExecutor(threads);
    }

    @Override
    public <T> TaskHandle<T> spawn(String name, Callable<T> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return NodeTask.start(life, name, body);
    }

    @Override
    public ExecutorService executor() {
        return executor;
    }

    /**
     * Stops the executor: refuses new work and interrupts what runs; waits a little for it to end.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        boolean ignored = executor.awaitTermination(100, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "tasks of " + life.name();
    }
}
