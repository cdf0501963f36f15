package io.moonpool.sim.internal.runner;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.Seeds;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/** The kernel services of one iteration, as resource plugins see them. */
record IterationServices(Kernel kernel, long seed, RandomGenerator random, RandomGenerator configRandom,
                         List<ResourceConfig> configs, Map<String, ChaosMode> chaosModes,
                         BooleanSupplier chaos) implements KernelServices {

    @Override
    public long now() {
        return kernel.now();
    }

    @Override
    public void schedule(long delayNanos, Runnable action) {
        kernel.schedule(delayNanos, action);
    }

    @Override
    public RandomGenerator configRandom(InetAddress ip) {
        long bits = 0;
        for (byte b : ip.getAddress()) {
            bits = bits << 8 | (b & 0xFF);
        }
        return Seeds.stream(seed ^ Seeds.splitMix(bits), Seeds.CONFIGURATION_STREAM);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        kernel.sleep(nanos);
    }

    @Override
    public <T extends ResourceConfig> T config(Class<T> type) {
        for (ResourceConfig c : configs) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @Override
    public ChaosMode chaosMode(String resourceId) {
        return chaosModes.get(resourceId);
    }

    @Override
    public boolean chaosActive() {
        return chaos.getAsBoolean();
    }

    @Override
    public void trace(long value) {
        kernel.trace(value);
    }
}
