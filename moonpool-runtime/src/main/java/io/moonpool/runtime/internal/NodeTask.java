package io.moonpool.runtime.internal;

import io.moonpool.api.TaskHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task of a node: a virtual thread running a {@link FutureTask}, with the {@link TaskHandle} semantics of the
 * simulator's tasks. A failure nobody has joined when the node stops is logged then (there is no seed to fail), as
 * the simulator fails a seed with one nobody has joined by the end of the iteration.
 *
 * @param <T> the result's type
 */
public final class NodeTask<T> implements TaskHandle<T> {

    private static final System.Logger LOG = System.getLogger("io.moonpool.runtime");

    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CANCELLED_BEFORE_START = 2;

    private final String name;
    private final NodeLife life;
    private final FutureTask<T> future;
    private final AtomicInteger start = new AtomicInteger(NEW);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean expectFailure;
    private volatile boolean joined;

    private NodeTask(String name, NodeLife life, Callable<T> body) {
        this.name = name;
        this.life = life;
        this.future = new FutureTask<>(body);
    }

    /**
     * Starts a task on a new virtual thread of the node.
     *
     * @param life the node
     * @param name the task's name
     * @param body the work
     * @param <T>  the result's type
     * @return the running task's handle
     * @throws IllegalStateException if the node has shut down
     */
    public static <T> NodeTask<T> start(NodeLife life, String name, Callable<T> body) {
        return start(life, name, body, false);
    }

    /**
     * Starts a task on a new virtual thread of the node.
     *
     * @param life          the node
     * @param name          the task's name
     * @param body          the work
     * @param expectFailure whether its failure is someone else's to report (as for a process that
     *                      {@code NodeRuntime.run} rethrows)
     * @param <T>           the result's type
     * @return the running task's handle
     * @throws IllegalStateException if the node has shut down
     */
    public static <T> NodeTask<T> start(NodeLife life, String name, Callable<T> body, boolean expectFailure) {
        NodeTask<T> task = new NodeTask<>(name, life, body);
        task.expectFailure = expectFailure;
        life.newThread(name, task::runOnThread).start();
        return task;
    }

    private void runOnThread() {
        try {
            if (start.compareAndSet(NEW, STARTED)) {
                future.run();
                if (!expectFailure && !joined && failure() != null) {
                    life.failed(this);
                }
            }
        } finally {
            ended.complete(null);
        }
    }

    /** What the task threw, or null if it returned, was cancelled or has not ended. */
    Throwable failure() {
        if (!future.isDone() || future.isCancelled()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | CancellationException e) {
            return null;
        }
    }

    /** Logs the failure nobody joined: there is no seed to fail in production. */
    void logUnjoinedFailure(boolean toStandardError) {
        Throwable failure = failure();
        if (failure == null || expectFailure || joined) {
            return;
        }
        String message = "task '" + name + "' of " + life.name() + " failed and nobody joined it (join it, or call"
                + " expectFailure() on its handle if it may fail)";
        if (toStandardError) {
            synchronized (System.err) {
                System.err.println("ERROR " + message);
                failure.printStackTrace();
            }
        } else {
            LOG.log(System.Logger.Level.ERROR, message, failure);
        }
    }

    /**
     * Completes when the task's thread has ended (or at once for a task cancelled before it started).
     *
     * @return the end of the task
     */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public T join() throws ExecutionException, InterruptedException {
        joined = true;
        life.joined(this);
        try {
            return future.get();
        } finally {
            if (future.isDone() && !future.isCancelled()) {
                // the result is set a moment before the thread ends: wait for that, so isDone() holds once join
                // has returned or thrown the task's exception, as in simulation
                ended.join(); // uninterruptible: an interrupt here must not replace the task's own outcome
            }
        }
    }

    @Override
    public boolean isDone() {
        return ended.isDone() || start.get() == CANCELLED_BEFORE_START;
    }

    @Override
    public void cancel() {
        if (start.compareAndSet(NEW, CANCELLED_BEFORE_START)) {
            future.cancel(false);
            return;
        }
        future.cancel(true);
    }

    @Override
    public TaskHandle<T> expectFailure() {
        expectFailure = true;
        life.joined(this);
        return this;
    }

    @Override
    public String toString() {
        return "task '" + name + "' of " + life.name();
    }
}
