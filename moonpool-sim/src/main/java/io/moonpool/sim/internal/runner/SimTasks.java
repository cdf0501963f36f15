package io.moonpool.sim.internal.runner;

import io.moonpool.api.TaskHandle;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.SimTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Tasks} for one node: tasks it spawns are owned by that node.
 */
final class SimTasks implements Tasks {

    private final Kernel kernel;
    private final Time time;
    private final Object owner;

    SimTasks(Kernel kernel, Time time, Object owner) {
        this.kernel = kernel;
        this.time = time;
        this.owner = owner;
    }

    @Override
    public <T> TaskHandle<T> spawn(String name, Callable<T> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        CompletableFuture<T> outcome = new CompletableFuture<>();
        SimTask task = kernel.spawn(name, owner, () -> {
            try {
                outcome.complete(body.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        return new Handle<>(task, outcome);
    }

    @Override
    public ExecutorService executor() {
        return new TaskExecutor();
    }

    private record Handle<T>(SimTask task, CompletableFuture<T> outcome) implements TaskHandle<T> {
        @Override
        public String name() {
            return task.name();
        }

        @Override
        public T join() throws ExecutionException, InterruptedException {
            return outcome.get();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public void cancel() {
            if (!task.isDone()) {
                task.thread().interrupt();
            }
        }
    }

    /** Thread-per-task semantics: every submission is a new simulated task; waits use simulated time. */
    private final class TaskExecutor extends AbstractExecutorService {
        private final List<Handle<?>> running = new ArrayList<>();
        private boolean shutdown;
        private int submitted;

        @Override
        public void execute(Runnable command) {
            Objects.requireNonNull(command, "command");
            if (shutdown) {
                throw new RejectedExecutionException("executor has been shut down");
            }
            running.removeIf(Handle::isDone);
            running.add((Handle<?>) spawn("executor-task-" + (++submitted), () -> {
                command.run();
                return null;
            }));
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            for (Handle<?> h : running) {
                h.cancel();
            }
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            if (!shutdown) {
                return false;
            }
            running.removeIf(Handle::isDone);
            return running.isEmpty();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                return time.timeout(Duration.of(timeout, unit.toChronoUnit()), () -> {
                    for (Handle<?> h : List.copyOf(running)) {
                        try {
                            h.join();
                        } catch (ExecutionException ignored) {
                            // the task ended; its failure belongs to its Future
                        }
                    }
                    return isTerminated();
                });
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
