package io.moonpool.slf4j.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * Builds one {@link TimelineLogger} per name, each over the delegate's logger of that name.
 *
 * <p>Thread-safe: loggers are looked up by name from any thread, and the map is never iterated.
 */
public final class TimelineLoggerFactory implements ILoggerFactory {

    private final Threshold threshold;
    private final ILoggerFactory delegate;
    private final ConcurrentMap<String, TimelineLogger> loggers = new ConcurrentHashMap<>();

    /**
     * Builds a factory.
     *
     * @param threshold the lowest level recorded inside a simulation
     * @param delegate  the factory of the loggers that get the calls made outside a simulation, or null to drop
     *                  them
     */
    public TimelineLoggerFactory(Threshold threshold, ILoggerFactory delegate) {
        this.threshold = threshold;
        this.delegate = delegate;
    }

    /**
     * Returns the logger of this name, the same instance for the same name.
     *
     * @param name the logger's name
     * @return the logger
     */
    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> {
            Logger outside = delegate == null ? NOPLogger.NOP_LOGGER : delegate.getLogger(n);
            return new TimelineLogger(n, threshold, outside);
        });
    }
}
