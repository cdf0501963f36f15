package io.moonpool.sim.internal.runner;

import io.moonpool.api.Shutdown;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A one-shot signal; a workload's is never requested.
 */
final class ShutdownSignal implements Shutdown {

    private final CompletableFuture<Void> requested = new CompletableFuture<>();

    /** Fires the signal, waking every task in {@link #await()}. */
    void request() {
        requested.complete(null);
    }

    @Override
    public boolean isRequested() {
        return requested.isDone();
    }

    @Override
    public void await() throws InterruptedException {
        try {
            requested.get();
        } catch (ExecutionException e) {
            throw new AssertionError("the signal never completes exceptionally", e);
        }
    }
}
