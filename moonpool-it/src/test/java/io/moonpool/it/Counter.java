package io.moonpool.it;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Time;
import jakarta.inject.Inject;

/** A process built by Guice: it records which life it is and what it was given. */
public final class Counter implements SimProcess {

    private final SimContext ctx;
    private final Time time;
    private final Greeting greeting;
    private final Journal journal;
    private final int instance;

    /**
     * Built by Guice on every boot.
     *
     * @param ctx      the life's context
     * @param time     the life's time
     * @param greeting a user binding
     * @param journal  the test's journal, a user binding
     */
    @Inject
    public Counter(SimContext ctx, Time time, Greeting greeting, Journal journal) {
        this.ctx = ctx;
        this.time = time;
        this.greeting = greeting;
        this.journal = journal;
        this.instance = journal.nextInstance();
    }

    @Override
    public void run(SimContext given) throws Exception {
        journal.boots()
                .add(time.nanoTime() / 1_000_000 + " " + ctx.ip().getHostAddress() + " instance " + instance + " "
                        + greeting.text() + (given == ctx ? "" : " (another context!)"));
        given.shutdown().await();
    }
}
