package io.moonpool.benchmarks;

import io.moonpool.api.Assertions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of an assertion call. Outside a simulation ({@link #alwaysOutsideASimulation}) it must be a no-op
 * of a few nanoseconds, beside {@link #baselineEmptyMethod}: target at most 2 ns per call. Inside a simulation
 * ({@link #alwaysInsideASimulation}), for a site already seen, beside {@link #baselineLoopInsideASimulation}
 * (the same iteration and loop without the call): target at most 50 ns per call. Each inside invocation is
 * one iteration making {@value #CALLS} calls, so its fixed cost is amortised.
 */
public class AssertionBenchmark extends AbstractBenchmark {

    /** Calls per invocation inside a simulation. */
    public static final int CALLS = 100_000;

    private int counter;

    /** Baseline: a method that does nothing with its arguments. */
    @Benchmark
    public void baselineEmptyMethod(Blackhole bh) {
        empty(++counter > 0, "an empty method");
        bh.consume(counter);
    }

    /** Subject: {@code always} outside any simulation. */
    @Benchmark
    public void alwaysOutsideASimulation(Blackhole bh) {
        Assertions.always(++counter > 0, "outside a simulation");
        bh.consume(counter);
    }

    /**
     * Baseline: one iteration whose workload loops {@value #CALLS} times without asserting.
     *
     * @return a result, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long baselineLoopInsideASimulation() {
        return runIteration(ctx -> {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += i;
                empty(sum >= 0, "inside a simulation");
            }
            counter += (int) sum;
        });
    }

    /**
     * Subject: the same loop calling {@code always} at one site, seen from the second call on.
     *
     * @return a result, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long alwaysInsideASimulation() {
        return runIteration(ctx -> {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += i;
                Assertions.always(sum >= 0, "inside a simulation");
            }
            counter += (int) sum;
        });
    }

    private static void empty(boolean condition, String message) {
        // the baseline's call, which the JIT may inline as it may inline the subject's
    }
}
