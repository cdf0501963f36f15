package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.TaskHandle;
import io.moonpool.api.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What {@link Tasks} and {@link TaskHandle} promise, simulated or real: join returns the value or throws
 * {@link ExecutionException} with the task's own exception, cancel interrupts and makes join throw
 * {@link CancellationException} at once, a finished task ignores cancel, and the executor runs tasks.
 */
public abstract class TasksContract extends ProviderContract {

    /** For subclasses. */
    protected TasksContract() {}

    /** {@code join} returns the task's value; the handle keeps its name and is done afterwards. */
    @Test
    public void joinReturnsTheValue() {
        onNodes((ctx, nodes) -> {
            TaskHandle<String> task = ctx.tasks().spawn("worker", () -> "done");
            assertEquals("worker", task.name());
            assertEquals("done", task.join());
            assertTrue(task.isDone());
            assertEquals("done", task.join(), "a second join returns the value again");
        });
    }

    /** A task's exception comes back from {@code join} as the cause of an {@link ExecutionException}. */
    @Test
    public void joinThrowsTheTasksException() {
        onNodes((ctx, nodes) -> {
            IllegalStateException thrown = new IllegalStateException("the task's own");
            TaskHandle<Void> task = ctx.tasks().spawn("failing", () -> {
                throw thrown;
            });
            ExecutionException e = assertThrows(ExecutionException.class, task::join);
            assertSame(thrown, e.getCause());
            assertTrue(task.isDone());
        });
    }

    /**
     * Cancelling a blocked task interrupts its blocking call ({@link InterruptedException}), and its
     * {@code join} throws {@link CancellationException} at once, then and later.
     */
    @Test
    public void cancelInterruptsAndJoinThrowsCancellation() {
        onNodes((ctx, nodes) -> {
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            CompletableFuture<Void> sleeping = new CompletableFuture<>();
            TaskHandle<Void> task = ctx.tasks().spawn("sleeper", () -> {
                try {
                    sleeping.complete(null);
                    ctx.time().sleep(Duration.ofSeconds(20));
                    seen.complete(null);
                } catch (InterruptedException e) {
                    seen.complete(e);
                    throw e;
                }
                return null;
            });
            sleeping.get();
            task.cancel();
            assertThrows(CancellationException.class, task::join);
            assertInstanceOf(InterruptedException.class, seen.get(), "the sleep ended with an interrupt");
            assertThrows(CancellationException.class, task::join);
        });
    }

    /** Cancelling a finished task changes nothing: {@code join} still returns its value. */
    @Test
    public void cancelAfterTheEndChangesNothing() {
        onNodes((ctx, nodes) -> {
            TaskHandle<Integer> task = ctx.tasks().spawn("quick", () -> 7);
            assertEquals(7, task.join());
            task.cancel();
            assertEquals(7, task.join());
        });
    }

    /** A task marked {@code expectFailure} may fail unobserved: the case still passes. */
    @Test
    public void anExpectedFailureNeedsNoJoin() {
        onNodes((ctx, nodes) -> {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            ctx.tasks()
                    .spawn("doomed", () -> {
                        ran.complete(null);
                        throw new IllegalStateException("expected");
                    })
                    .expectFailure();
            ran.get();
        });
    }

    /** The executor runs submitted work as tasks: {@code submit} and {@code invokeAll} give the values. */
    @Test
    public void executorRunsTasks() {
        onNodes((ctx, nodes) -> {
            ExecutorService executor = ctx.tasks().executor();
            Future<String> one = executor.submit(() -> "one");
            assertEquals("one", one.get());
            List<Callable<Integer>> work = List.of(() -> 1, () -> 2, () -> 3);
            int sum = 0;
            for (Future<Integer> f : executor.invokeAll(work)) {
                sum += f.get();
            }
            assertEquals(6, sum);
            Future<Object> failing = executor.submit(() -> {
                throw new IllegalArgumentException("from the executor");
            });
            assertInstanceOf(
                    IllegalArgumentException.class,
                    assertThrows(ExecutionException.class, failing::get).getCause());
        });
    }
}
