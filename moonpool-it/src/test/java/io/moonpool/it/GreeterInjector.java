package io.moonpool.it;

import io.moonpool.api.Topology;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.api.fault.RebootKind;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A test plugin found through META-INF/services: its constructor needs a user binding and a simulation
 * binding, so it can be named (from its annotation) where it cannot be built; during chaos it crashes the
 * first process once.
 */
@InjectorName("greeter")
public final class GreeterInjector implements FaultInjector {

    private final Greeting greeting;
    private final Topology topology;
    private final Journal journal;

    /**
     * Built by Guice.
     *
     * @param greeting a user binding
     * @param topology a simulation binding
     * @param journal  the test's journal, a user binding
     */
    @Inject
    public GreeterInjector(Greeting greeting, Topology topology, Journal journal) {
        this.greeting = greeting;
        this.topology = topology;
        this.journal = journal;
    }

    @Override
    public void inject(FaultContext ctx) throws Exception {
        journal.injections().add(greeting.text() + " " + topology.processIps().size() + " processes");
        ctx.time().sleep(Duration.ofSeconds(1));
        ctx.reboot(ctx.processIps().getFirst(), RebootKind.CRASH);
    }
}
