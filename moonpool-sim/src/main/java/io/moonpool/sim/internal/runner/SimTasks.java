package io.moonpool.sim.internal.runner;

import io.moonpool.api.TaskHandle;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.sim.internal.kernel.IterationEnded;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.SimTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link Tasks} for one node: tasks it spawns are owned by that node. An exception that escapes a task is
 * kept in {@link TaskFailures} until someone joins the task; unobserved, it fails the seed.
 */
final class SimTasks implements Tasks {

    private final Kernel kernel;
    private final Time time;
    private final Object owner;
    private final String node;
    private final TaskFailures failures;
    private final java.util.function.Supplier<io.moonpool.sim.Phase> phase;

    SimTasks(Kernel kernel, Time time, Object owner, String node, TaskFailures failures,
             java.util.function.Supplier<io.moonpool.sim.Phase> phase) {
        this.kernel = kernel;
        this.time = time;
        this.owner = owner;
        this.node = node;
        this.failures = failures;
        this.phase = phase;
    }

    @Override
    public <T> TaskHandle<T> spawn(String name, Callable<T> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Handle<T> handle = new Handle<>();
        handle.task = kernel.spawn(name, owner, () -> {
            if (handle.cancelled) {
                return; // cancelled before it first ran: none of its code runs
            }
            try {
                handle.outcome.complete(body.call());
            } catch (IterationEnded unwound) {
                throw unwound;
            } catch (Throwable e) {
                handle.outcome.completeExceptionally(e);
                if (!handle.cancelled && !handle.failureExpected) {
                    handle.escaped = failures.add(name, node, phase.get(), kernel.now(), e);
                    handle.escaped.observed = handle.joined;
                }
            }
        });
        return handle;
    }

    @Override
    public ExecutorService executor() {
        return new TaskExecutor();
    }

    private static final class Handle<T> implements TaskHandle<T> {
        final CompletableFuture<T> outcome = new CompletableFuture<>();
        SimTask task;
        TaskFailures.Escaped escaped;
        boolean joined;
        boolean cancelled;
        boolean failureExpected;

        @Override
        public String name() {
            return task.name();
        }

        @Override
        public T join() throws ExecutionException, InterruptedException {
            joined = true;
            if (escaped != null) {
                escaped.observed = true;
            }
            return outcome.get();
        }

        /** Waits for the task's end without taking note of its outcome. */
        void awaitEnd() throws InterruptedException {
            try {
                outcome.get();
            } catch (ExecutionException | CancellationException ended) {
                // ended either way
            }
        }

        @Override
        public boolean isDone() {
            return task.isDone() || outcome.isDone();
        }

        @Override
        public void cancel() {
            if (outcome.isDone()) {
                return;
            }
            cancelled = true;
            outcome.cancel(false);
            if (!task.isDone()) {
                task.thread().interrupt();
            }
        }

        @Override
        public TaskHandle<T> expectFailure() {
            failureExpected = true;
            if (escaped != null) {
                escaped.observed = true;
            }
            return this;
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
        protected <V> RunnableFuture<V> newTaskFor(Callable<V> callable) {
            return new SimulatedFuture<>(callable);
        }

        @Override
        protected <V> RunnableFuture<V> newTaskFor(Runnable runnable, V value) {
            return new SimulatedFuture<>(java.util.concurrent.Executors.callable(runnable, value));
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            Objects.requireNonNull(tasks, "tasks");
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                RunnableFuture<T> f = newTaskFor(Objects.requireNonNull(t, "task"));
                futures.add(f);
                execute(f);
            }
            try {
                time.timeout(simulated(timeout, unit), () -> {
                    for (Future<T> f : futures) {
                        try {
                            f.get();
                        } catch (ExecutionException | CancellationException ended) {
                            // its outcome is in its Future
                        }
                    }
                    return null;
                });
            } catch (TimeoutException e) {
                for (Future<T> f : futures) {
                    f.cancel(true);
                }
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return futures;
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            try {
                // the untimed invokeAny waits on a queue (a simulated wait); the deadline interrupts it
                return time.timeout(simulated(timeout, unit), () -> invokeAny(tasks));
            } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
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
                return time.timeout(simulated(timeout, unit), () -> {
                    for (Handle<?> h : List.copyOf(running)) {
                        h.awaitEnd();
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

    /** A {@link FutureTask} whose timed {@code get} waits in simulated time. */
    private final class SimulatedFuture<V> extends FutureTask<V> {
        SimulatedFuture(Callable<V> callable) {
            super(callable);
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (isDone()) {
                return get();
            }
            try {
                return time.timeout(simulated(timeout, unit), this::get);
            } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A JDK timeout as a simulated duration: saturating (Long.MAX_VALUE DAYS is "for ever"), never negative. */
    private static Duration simulated(long timeout, TimeUnit unit) {
        return Duration.ofNanos(Math.max(0, Objects.requireNonNull(unit, "unit").toNanos(timeout)));
    }
}
