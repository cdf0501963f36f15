package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.testkit.RegisterPlugin.Freeze;
import io.moonpool.testkit.RegisterPlugin.Register;
import io.moonpool.testkit.RegisterPlugin.RegisterConfig;
import io.moonpool.testkit.RegisterPlugin.Violation;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The contract written the way a third-party plugin's author writes it, for the register, which keeps every
 * guarantee; {@link PlantedViolationsTest} breaks one at a time. The register is not on the runner's
 * {@code ServiceLoader} path (testkit's tests would all see it), so its {@link #simulation} runs without it.
 */
class RegisterContract extends ResourcePluginContract {

    static final InetAddress NODE = ip("10.0.1.1");

    private final Violation violation;

    RegisterContract(Violation violation) {
        this.violation = violation;
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    protected ResourcePlugin plugin() {
        return new RegisterPlugin(violation);
    }

    @Override
    protected ResourceConfig faultsOff() {
        return new RegisterConfig(0, DurationRange.of(Duration.ofMillis(1)));
    }

    @Override
    protected ResourceConfig faultsOn() {
        return new RegisterConfig(0.3, new DurationRange(Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    private static Register register(ResourceInstance instance) {
        return instance.provide(Register.class, NODE).orElseThrow();
    }

    @Override
    protected Object exercise(ResourceInstance instance) throws Exception {
        Register r = register(instance);
        List<String> seen = new ArrayList<>();
        for (long v = 1; v <= 10; v++) {
            try {
                r.write(v);
                seen.add("wrote " + r.read());
            } catch (IOException e) {
                seen.add(e.getMessage());
            }
        }
        return seen;
    }

    @Override
    protected void makeLastingFaults(ResourceInstance instance) {
        instance.capability(Freeze.class).orElseThrow().freeze(NODE, Duration.ofHours(1));
    }

    @Override
    protected void checkReboot(ResourceInstance instance, RebootKind kind, Consumer<InetAddress> reboot)
            throws Exception {
        Register r = register(instance);
        r.write(1);
        r.flush();
        r.write(2); // not flushed: a crash loses it, a graceful stop flushes it
        reboot.accept(NODE);
        if (kind == RebootKind.GRACEFUL) {
            // what the clean stop flushed survives a crash of the next life
            instance.onLifecycle(new LifecycleEvent.Killed(NODE, RebootKind.CRASH));
        }
        assertEquals(kind == RebootKind.CRASH ? 1 : 2, r.read(), kind.toString());
    }

    @Override
    protected SimulationBuilder simulation(ResourceConfig faults) {
        return SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 10))));
    }
}
