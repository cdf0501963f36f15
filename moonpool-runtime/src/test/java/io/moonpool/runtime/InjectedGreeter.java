package io.moonpool.runtime;

import com.google.inject.Inject;
import io.moonpool.api.Network;
import io.moonpool.api.Shutdown;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import java.util.random.RandomGenerator;

/** A user's process class with an {@code @Inject} constructor (public: Guice may not open this module). */
public final class InjectedGreeter implements SimProcess {
    final Time time;
    final Tasks tasks;
    final RandomGenerator random;
    final Topology topology;
    final Shutdown shutdown;
    final Network network;
    final String greeting;
    volatile String seen;

    @Inject
    public InjectedGreeter(
            Time time,
            Tasks tasks,
            RandomGenerator random,
            Topology topology,
            Shutdown shutdown,
            Network network,
            String greeting) {
        this.time = time;
        this.tasks = tasks;
        this.random = random;
        this.topology = topology;
        this.shutdown = shutdown;
        this.network = network;
        this.greeting = greeting;
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        seen = tasks.spawn("greet", () -> greeting + " from " + ctx.ip().getHostAddress())
                .join();
    }
}
