package io.moonpool.benchmarks;

import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelFailure;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.kernel.SimTask;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * A task switch: one task wakes another with {@link LockSupport#unpark} and parks, and the other resumes.
 * Two tasks hand control back and forth {@value #HANDOFFS} times per invocation, so the figure is the time
 * of one hand-off (park, wake, resume).
 *
 * <p>Subject: both tasks run in one simulation {@link Kernel}, whose scheduler runs their continuations on
 * the calling platform thread. Baseline: the same two tasks as plain virtual threads on the JDK's default
 * scheduler. Creating the kernel and the two threads is included, and amortised over the hand-offs.
 * Targets: at most about 300 ns per hand-off, and at least 5x faster than the baseline.
 */
public class TaskSwitchBenchmark extends AbstractBenchmark {

    /** Hand-offs per invocation: one direction and back counts as two. */
    public static final int HANDOFFS = 10_000;

    /** Two tasks that pass a turn back and forth; the same code runs in the kernel and on the JDK. */
    private static final class PingPong {
        private final int rounds;
        /** 0: ping's turn; 1: pong's turn. Volatile for the baseline, whose threads run on two carriers. */
        private volatile int turn;

        private volatile Thread ping;
        private volatile Thread pong;

        PingPong(int handoffs) {
            this.rounds = handoffs / 2;
        }

        void ping() {
            ping = Thread.currentThread();
            for (int i = 0; i < rounds; i++) {
                turn = 1;
                // null until pong has started; pong then reads turn == 1 without needing a wake-up
                LockSupport.unpark(pong);
                while (turn != 0) {
                    LockSupport.park(this);
                }
            }
        }

        void pong() {
            pong = Thread.currentThread();
            for (int i = 0; i < rounds; i++) {
                while (turn != 1) {
                    LockSupport.park(this);
                }
                turn = 0;
                LockSupport.unpark(ping);
            }
        }
    }

    /**
     * Subject: two tasks of one kernel hand control to each other.
     *
     * @return the kernel's step count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public long kernelScheduler() {
        Kernel kernel = new Kernel(
                Seeds.stream(SEED, Seeds.SCHEDULING_STREAM), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        PingPong game = new PingPong(HANDOFFS);
        SimTask ping = kernel.spawn("ping", null, game::ping);
        kernel.spawn("pong", null, game::pong);
        try {
            kernel.run(ping);
        } finally {
            kernel.shutdown();
        }
        KernelFailure failure = kernel.failure();
        if (failure != null) {
            throw new IllegalStateException("the kernel failed: " + failure.message());
        }
        return kernel.steps();
    }

    /**
     * Baseline: the same two tasks as virtual threads on the JDK's default scheduler.
     *
     * @return the final turn, so that the work is not dead code
     * @throws InterruptedException if the benchmark thread is interrupted
     */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int baselineVirtualThreads() throws InterruptedException {
        PingPong game = new PingPong(HANDOFFS);
        Thread pong = Thread.ofVirtual().name("pong").start(game::pong);
        Thread ping = Thread.ofVirtual().name("ping").start(game::ping);
        ping.join();
        pong.join();
        return game.turn;
    }
}
