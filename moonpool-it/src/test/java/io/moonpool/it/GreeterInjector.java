package io.moonpool.it;

import io.moonpool.api.Topology;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.api.fault.RebootKind;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test plugin found through META-INF/services: its constructor needs a user binding and a simulation
 * binding, so it can be named (from its annotation) where it cannot be built; during chaos it crashes the
 * first process once.
 */
@InjectorName("greeter")
public final class GreeterInjector implements FaultInjector {

    static final List<String> SEEN = new ArrayList<>();

    private final Greeting greeting;
    private final Topology topology;

    /**
     * Built by Guice.
     *
     * @param greeting a user binding
     * @param topology a simulation binding
     */
    @Inject
    public GreeterInjector(Greeting greeting, Topology topology) {
        this.greeting = greeting;
        this.topology = topology;
    }

    @Override
    public void inject(FaultContext ctx) throws Exception {
        SEEN.add(greeting.text() + " " + topology.processIps().size() + " processes");
        ctx.time().sleep(Duration.ofSeconds(1));
        ctx.reboot(ctx.processIps().getFirst(), RebootKind.CRASH);
    }
}
