package io.moonpool.testkit;

import java.time.Duration;
import java.util.List;

/**
 * A set of providers the contracts run against: it runs one {@link NodeBody} per node, all at once, and returns
 * when every body has returned.
 *
 * <p>{@link SimulatedTarget} runs the bodies in the simulator. A target for other providers (the production
 * runtime's, or your own) starts one node per body, with distinct IPs, runs each body on its node's context, and
 * keeps the rules below; moonpool-runtime's tests hold such a target ({@code RuntimeTarget}), short enough to
 * copy.
 */
public interface ProviderTarget {

    /**
     * Runs the bodies, one per node, at the same time, and waits for all of them.
     *
     * @param limit  how long the case may take: simulated time in the simulator, real time elsewhere; when it
     *               passes, the target stops the nodes and fails
     * @param bodies one body per node; body {@code i} runs on node {@code i}
     * @throws AssertionError if a body threw (the first failure, with the failing node's IP in the message and
     *                        what it threw as the cause), or if the limit passed before every body returned
     * @throws IllegalArgumentException if {@code bodies} is empty or {@code limit} is not positive
     */
    void run(Duration limit, List<NodeBody> bodies);
}
