package io.moonpool.slf4j;

import io.moonpool.slf4j.internal.DelegateChoice;
import io.moonpool.slf4j.internal.Threshold;
import io.moonpool.slf4j.internal.TimelineLoggerFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Reporter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of Moonpool: a log call made inside a simulation goes into that iteration's timeline, which
 * the report prints only for a failing seed; every other call goes to the SLF4J provider beside it on the class
 * path (logback, slf4j-simple, ...), unchanged.
 *
 * <p>Put {@code moonpool-slf4j} on the test class path. When it is the only SLF4J provider there, SLF4J takes it
 * and calls outside a simulation are dropped. When another provider is there too, SLF4J 2 would warn and take
 * whichever comes first on the class path, so name this one with the system property {@code
 * -Dslf4j.provider=io.moonpool.slf4j.TimelineServiceProvider} (in Surefire's {@code systemPropertyVariables}); it
 * then finds the other one itself and hands it the calls made outside a simulation.
 *
 * <p><b>Inside or outside, per call.</b> Each call looks at {@link io.moonpool.api.spi.TimelineSink#CURRENT},
 * which the simulator binds for every simulated task and for the kernel thread while it fires events. When it is
 * bound, the message is formatted with SLF4J's {@code MessageFormatter} and recorded in that sink, with the level,
 * the logger's name and the throwable, and nothing is printed; the sink adds the simulated time, the node and the
 * task. When it is not bound (the test's own thread, the runner, production code run outside a simulation), the
 * call goes to the delegate's logger of the same name, with its markers, arguments and throwable as given. Two
 * simulations on two threads record into their own timelines.
 *
 * <p><b>Levels.</b> Inside a simulation, calls at {@link #LEVEL_PROPERTY} ({@code DEBUG} by default) and above are
 * recorded, whatever the delegate's configuration says; outside, the delegate decides. {@code isDebugEnabled()}
 * and the other checks answer the same way: inside, whether the call would be recorded; outside, the delegate's
 * answer.
 *
 * <p><b>Markers, key-value pairs, MDC.</b> Inside, markers and the fluent API's key-value pairs are written before
 * the message, the way SLF4J writes them for a logger that does not handle them ({@code "AUDIT k=v message"}); the
 * MDC is not recorded (the timeline entry already carries the simulated time, the node and the task). The MDC and
 * the marker factory are the delegate's ({@code BasicMDCAdapter} and {@code BasicMarkerFactory} when there is no
 * delegate), so {@code MDC.put} works the same inside and outside.
 *
 * <p><b>Determinism.</b> A replay of a seed must give the same timeline, entry by entry: the arguments of a call
 * made inside a simulation must have a deterministic {@code toString} (no identity hash codes, no real time).
 *
 * <p>SLF4J builds this class through its public no-argument constructor and calls {@link #initialize()} once.
 */
public final class TimelineServiceProvider implements SLF4JServiceProvider {

    /**
     * The system property that sets the lowest level recorded inside a simulation: {@code TRACE}, {@code DEBUG}
     * (the default), {@code INFO}, {@code WARN}, {@code ERROR} or {@code OFF}, in any case.
     */
    public static final String LEVEL_PROPERTY = "moonpool.log.level";

    /**
     * The system property that names the delegate: the class name of the SLF4J provider that gets the calls made
     * outside a simulation (such as {@code org.slf4j.simple.SimpleServiceProvider}). Without it the delegate is the
     * first other provider in {@link ServiceLoader} order, which is class path order; SLF4J warns when there are
     * several.
     */
    public static final String DELEGATE_PROPERTY = "moonpool.log.delegate";

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    /** Builds an uninitialized provider; SLF4J calls {@link #initialize()} next. */
    public TimelineServiceProvider() {}

    /**
     * Reads {@link #LEVEL_PROPERTY} and {@link #DELEGATE_PROPERTY}, finds and initializes the delegate, and builds
     * the logger factory. A bad value of either property is reported on standard error, naming the accepted
     * values, and the default is used instead: a provider that failed here would leave SLF4J in its failed state,
     * which breaks every class that gets a logger, far from the cause.
     */
    @Override
    public void initialize() {
        // the providers SLF4J itself sees: it searches with its own class loader too
        Threshold threshold;
        try {
            threshold = Threshold.parse(LEVEL_PROPERTY, System.getProperty(LEVEL_PROPERTY));
        } catch (IllegalArgumentException e) {
            Reporter.error(e.getMessage() + "; recording from the default level instead");
            threshold = Threshold.parse(LEVEL_PROPERTY, null);
        }
        List<DelegateChoice.Candidate> candidates =
                ServiceLoader.load(SLF4JServiceProvider.class, SLF4JServiceProvider.class.getClassLoader()).stream()
                        .map(p -> new DelegateChoice.Candidate(p.type().getName(), p::get))
                        .toList();
        DelegateChoice choice;
        try {
            choice = DelegateChoice.choose(
                    candidates,
                    TimelineServiceProvider.class.getName(),
                    DELEGATE_PROPERTY,
                    System.getProperty(DELEGATE_PROPERTY));
        } catch (IllegalStateException e) {
            Reporter.error(e.getMessage() + "; delegating to the first provider found instead");
            choice =
                    DelegateChoice.choose(candidates, TimelineServiceProvider.class.getName(), DELEGATE_PROPERTY, null);
        }
        choice.warning().ifPresent(Reporter::warn);
        SLF4JServiceProvider delegate =
                choice.chosen().map(c -> c.instance().get()).orElse(null);
        if (delegate == null) {
            Reporter.warn("moonpool-slf4j: no other SLF4J provider, so calls outside a simulation are dropped (the"
                    + " runner's own warnings too): add slf4j-simple or logback beside it to see them");
            loggerFactory = new TimelineLoggerFactory(threshold, null);
            markerFactory = new BasicMarkerFactory();
            mdcAdapter = new BasicMDCAdapter();
        } else {
            Reporter.debug("moonpool-slf4j: calls outside a simulation go to "
                    + delegate.getClass().getName());
            delegate.initialize();
            loggerFactory = new TimelineLoggerFactory(threshold, delegate.getLoggerFactory());
            markerFactory = delegate.getMarkerFactory();
            mdcAdapter = delegate.getMDCAdapter();
        }
    }

    /**
     * Returns the factory of loggers that record inside a simulation and delegate outside.
     *
     * @return the factory, or null before {@link #initialize()}
     */
    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    /**
     * Returns the delegate's marker factory, or a {@code BasicMarkerFactory} without a delegate.
     *
     * @return the marker factory, or null before {@link #initialize()}
     */
    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    /**
     * Returns the delegate's MDC adapter, or a {@code BasicMDCAdapter} without a delegate. The MDC is not recorded
     * in the timeline.
     *
     * @return the MDC adapter, or null before {@link #initialize()}
     */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    /**
     * Returns the SLF4J API version this provider is built for.
     *
     * @return {@code "2.0.99"}: any SLF4J 2.0.x
     */
    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
