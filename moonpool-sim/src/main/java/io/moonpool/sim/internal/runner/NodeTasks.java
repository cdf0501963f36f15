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
final class NodeTasks implements Tasks {

    private final Kernel kernel;
    private final Time time;
    private final Object owner;
    private final String node;
    private final TaskFailures failures;
    private final java.util.function.Supplier<io.moonpool.sim.Phase> phase;

    NodeTasks(
            Kernel kernel,
            Time time,
            Object owner,
            String node,
            TaskFailures failures,
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
            try {
                if (handle.cancelled) {
                    return; // cancelled before it first ran: none of its code runs
                }
                handle.started = true;
                handle.outcome.complete(body.call());
            } catch (IterationEnded unwound) {
                throw unwound;
            } catch (Throwable e) {
                if (!handle.cancelled && !handle.failureExpected) {
                    // recorded before joiners wake (they run in later steps), so a join always marks it seen
                    handle.escaped = failures.add(name, node, phase.get(), kernel.now(), e);
                }
                handle.outcome.completeExceptionally(e);
            } finally {
                handle.ended.complete(null);
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
        /** Completes when the task's code has stopped running, whatever its outcome (not when killed). */
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        SimTask task;
        TaskFailures.Escaped escaped;
        boolean started;
        boolean cancelled;
        boolean failureExpected;

        @Override
        public String name() {
            return task.name();
        }

        @Override
        public T join() throws ExecutionException, InterruptedException {
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                if (escaped != null) {
                    escaped.observed = true; // seen only once delivered: a join that timed out saw nothing
                }
                throw e;
            }
        }

        /** Waits until the task has stopped running, without taking note of its outcome. */
        void awaitEnd() throws InterruptedException {
            if (task.isDone()) {
                return;
            }
            try {
                ended.get();
            } catch (ExecutionException impossible) {
                throw new AssertionError("ended never completes exceptionally", impossible);
            }
        }

        @Override
        public boolean isDone() {
            return task.isDone();
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
        /** A submission and the task that runs it. */
        private record Running(Runnable command, Handle<?> handle) {}

        private final List<Running> running = new ArrayList<>();
        private boolean shutdown;
        private int submitted;

        @Override
        public void execute(Runnable command) {
            Objects.requireNonNull(command, "command");
            if (shutdown) {
                throw new RejectedExecutionException("executor has been shut down");
            }
            running.removeIf(r -> r.handle().isDone());
            running.add(new Running(command, (Handle<?>) spawn("executor-task-" + (++submitted), () -> {
                command.run();
                return null;
            })));
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
            Duration limit = simulated(timeout, unit);
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                futures.add(newTaskFor(Objects.requireNonNull(t, "task"))); // all made before any starts
            }
            boolean completed = false;
            try {
                for (Future<T> f : futures) {
                    execute((Runnable) f);
                }
                time.timeout(limit, () -> {
                    for (Future<T> f : futures) {
                        try {
                            f.get();
                        } catch (ExecutionException | CancellationException ended) {
                            // its outcome is in its Future
                        }
                    }
                    return null;
                });
                completed = true;
            } catch (TimeoutException e) {
                // the unfinished are cancelled below, and the list returned as the JDK does
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                if (!completed) {
                    for (Future<T> f : futures) {
                        f.cancel(true);
                    }
                }
            }
            return futures;
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            try {
                // the untimed invokeAny waits on a queue (a simulated wait); the deadline interrupts it, and it
                // cancels what it started on the way out
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
            List<Runnable> neverStarted = new ArrayList<>();
            for (Running r : running) {
                if (!r.handle().started && !r.handle().isDone()) {
                    neverStarted.add(r.command());
                }
                if (r.command() instanceof Future<?> f) {
                    f.cancel(true); // so that whoever waits on it is told, even if it never runs
                }
                r.handle().cancel();
            }
            return neverStarted;
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
            running.removeIf(r -> r.handle().isDone());
            return running.isEmpty();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                return time.timeout(simulated(timeout, unit), () -> {
                    for (Running r : List.copyOf(running)) {
                        r.handle().awaitEnd();
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
