package io.moonpool.it;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Time;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** A process built by Guice: it records which life it is and what it was given. */
public final class Counter implements SimProcess {

    static final List<String> BOOTS = new ArrayList<>();
    private static int instances;

    private final SimContext ctx;
    private final Time time;
    private final Greeting greeting;
    private final int instance = ++instances;

    /**
     * Built by Guice on every boot.
     *
     * @param ctx      the life's context
     * @param time     the life's time
     * @param greeting a user binding
     */
    @Inject
    public Counter(SimContext ctx, Time time, Greeting greeting) {
        this.ctx = ctx;
        this.time = time;
        this.greeting = greeting;
    }

    static void reset() {
        BOOTS.clear();
        instances = 0;
    }

    @Override
    public void run(SimContext given) throws Exception {
        BOOTS.add(time.nanoTime() / 1_000_000 + " " + ctx.ip().getHostAddress() + " instance " + instance + " "
                + greeting.text() + (given == ctx ? "" : " (another context!)"));
        given.shutdown().await();
    }
}
