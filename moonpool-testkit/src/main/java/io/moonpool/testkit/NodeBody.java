package io.moonpool.testkit;

import io.moonpool.api.SimContext;
import java.net.InetAddress;
import java.util.List;

/**
 * The code one node runs in a contract case: it gets its node's context and the IPs of every node of the case.
 *
 * <p>Bodies of one case run at the same time, one per node; they may share objects through the lambda that
 * builds them (a {@link java.util.concurrent.CompletableFuture} to hand a listener's address to a peer, for
 * example), which works in the simulator (a JDK future is a simulated wait) and with real threads. A shared
 * object must be waited on without a timeout of its own: the {@linkplain ProviderTarget target} bounds the case.
 */
@FunctionalInterface
public interface NodeBody {

    /**
     * Runs this node's part of a case.
     *
     * @param ctx   this node's context: its providers
     * @param nodes the IPs of every node of the case, in the order the bodies were given; {@code nodes.get(i)}
     *              is the IP of body {@code i}
     * @throws Exception fails the case, naming this node
     */
    void run(SimContext ctx, List<InetAddress> nodes) throws Exception;

    /**
     * The IP of another node, for code that needs "somebody else's address".
     *
     * @param ctx   this node's context
     * @param nodes the IPs of every node
     * @return the first IP in {@code nodes} that is not {@code ctx.ip()}
     * @throws IllegalStateException if every node has this node's IP
     */
    static InetAddress other(SimContext ctx, List<InetAddress> nodes) {
        for (InetAddress ip : nodes) {
            if (!ip.equals(ctx.ip())) {
                return ip;
            }
        }
        throw new IllegalStateException("no other node than " + ctx.ip() + ": run the case on two nodes");
    }
}
