package io.moonpool.api.fault;

/**
 * A source of faults that acts on the cluster during the chaos phase.
 *
 * <p><b>Simulation semantics.</b> {@link #inject(FaultContext)} runs on a task of its own when the run phase
 * starts, in every iteration. When the chaos duration ends, {@link FaultContext#chaosShutdown()} fires;
 * the injector should return promptly, and whatever is still running at that instant is stopped. An
 * exception thrown by an injector fails the seed. Injectors must draw randomness only from
 * {@link FaultContext#random()} and wait only with {@link FaultContext#time()}.
 */
public interface FaultInjector {

    /**
     * A stable name for reports (reboots are counted per injector).
     *
     * @return the injector's name
     */
    String name();

    /**
     * Injects faults until {@link FaultContext#chaosShutdown()} fires.
     *
     * @param ctx what the injector may observe and do
     * @throws Exception fails the seed
     */
    void inject(FaultContext ctx) throws Exception;
}
