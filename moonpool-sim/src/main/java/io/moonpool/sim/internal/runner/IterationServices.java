package io.moonpool.sim.internal.runner;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.sim.internal.kernel.Kernel;

import java.util.random.RandomGenerator;

/** The kernel services of one iteration, as resource plugins see them. */
record IterationServices(Kernel kernel, RandomGenerator random, RandomGenerator configRandom)
        implements KernelServices {

    @Override
    public long now() {
        return kernel.now();
    }

    @Override
    public void schedule(long delayNanos, Runnable action) {
        kernel.schedule(delayNanos, seq -> action.run());
    }

    @Override
    public void trace(long value) {
        kernel.trace(value);
    }
}
