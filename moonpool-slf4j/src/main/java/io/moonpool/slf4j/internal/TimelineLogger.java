package io.moonpool.slf4j.internal;

import io.moonpool.api.spi.TimelineSink;
import java.io.Serial;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.DefaultLoggingEventBuilder;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A logger that records into {@link TimelineSink#CURRENT} when it is bound (inside a simulation) and otherwise
 * hands the call to the delegate's logger of the same name.
 *
 * <p>{@link AbstractLogger} turns every classic call ({@code info(format, arg1, arg2)}, with or without a marker)
 * into one {@link #handleNormalizedLoggingCall} after the matching {@code isXxxEnabled} check; the fluent API's
 * builders come from {@link #makeLoggingEventBuilder}: ours inside (they end in {@link #log(LoggingEvent)}), the
 * delegate's outside.
 */
final class TimelineLogger extends AbstractLogger implements LoggingEventAware {

    @Serial
    private static final long serialVersionUID = 1L;

    /*
     * The caller boundary given to a location-aware delegate (logback): the frame that calls the first
     * AbstractLogger method is the user's, so %line and %method name the user's code, not this class.
     */
    private static final String CALLER_BOUNDARY = AbstractLogger.class.getName();

    // a deserialized logger is replaced by LoggerFactory.getLogger(name) (AbstractLogger.readResolve)
    private final transient Threshold threshold;
    private final transient Logger delegate;

    TimelineLogger(String name, Threshold threshold, Logger delegate) {
        this.name = name;
        this.threshold = threshold;
        this.delegate = delegate;
    }

    /** The delegate's logger, for tests. */
    Logger delegate() {
        return delegate;
    }

    private boolean enabled(Level level) {
        return TimelineSink.CURRENT.isBound() ? threshold.records(level) : delegate.isEnabledForLevel(level);
    }

    private boolean enabled(Level level, Marker marker) {
        if (TimelineSink.CURRENT.isBound()) {
            return threshold.records(level);
        }
        return switch (level) {
            case TRACE -> delegate.isTraceEnabled(marker);
            case DEBUG -> delegate.isDebugEnabled(marker);
            case INFO -> delegate.isInfoEnabled(marker);
            case WARN -> delegate.isWarnEnabled(marker);
            case ERROR -> delegate.isErrorEnabled(marker);
        };
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return enabled(Level.TRACE, marker);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return enabled(Level.DEBUG, marker);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return enabled(Level.INFO, marker);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return enabled(Level.WARN, marker);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return enabled(Level.ERROR, marker);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return CALLER_BOUNDARY;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        if (TimelineSink.CURRENT.isBound()) {
            // the isXxxEnabled check before this call already applied the threshold
            String message = MessageFormatter.arrayFormat(messagePattern, arguments, throwable)
                    .getMessage();
            String prefix = marker == null ? "" : marker.getName() + " ";
            TimelineSink.CURRENT.get().log(level.toString(), name, prefix + message, throwable);
        } else if (delegate instanceof LocationAwareLogger located) {
            located.log(marker, CALLER_BOUNDARY, level.toInt(), messagePattern, arguments, throwable);
        } else {
            forward(level, marker, messagePattern, withThrowable(arguments, throwable));
        }
    }

    /** The classic call that hands the delegate this level, marker, pattern and arguments (throwable last). */
    private void forward(Level level, Marker marker, String pattern, Object[] args) {
        switch (level) {
            case TRACE -> {
                if (marker == null) delegate.trace(pattern, args);
                else delegate.trace(marker, pattern, args);
            }
            case DEBUG -> {
                if (marker == null) delegate.debug(pattern, args);
                else delegate.debug(marker, pattern, args);
            }
            case INFO -> {
                if (marker == null) delegate.info(pattern, args);
                else delegate.info(marker, pattern, args);
            }
            case WARN -> {
                if (marker == null) delegate.warn(pattern, args);
                else delegate.warn(marker, pattern, args);
            }
            case ERROR -> {
                if (marker == null) delegate.error(pattern, args);
                else delegate.error(marker, pattern, args);
            }
        }
    }

    private static Object[] withThrowable(Object[] arguments, Throwable throwable) {
        if (throwable == null) {
            return arguments;
        }
        if (arguments == null || arguments.length == 0) {
            return new Object[] {throwable};
        }
        Object[] all = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = throwable;
        return all;
    }

    /**
     * Returns the fluent API's builder: one that ends in {@link #log(LoggingEvent)} inside a simulation, the
     * delegate's own outside.
     */
    @Override
    public LoggingEventBuilder makeLoggingEventBuilder(Level level) {
        return TimelineSink.CURRENT.isBound()
                ? new DefaultLoggingEventBuilder(this, level)
                : delegate.makeLoggingEventBuilder(level);
    }

    /**
     * Logs one event of the fluent API: records it inside a simulation (markers and key-value pairs before the
     * message), hands it to the delegate outside (a builder made inside and logged outside).
     */
    @Override
    public void log(LoggingEvent event) {
        Level level = event.getLevel();
        if (TimelineSink.CURRENT.isBound()) {
            if (!threshold.records(level)) {
                return;
            }
            FormattingTuple formatted = event.getThrowable() == null
                    ? MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray())
                    : MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray(), event.getThrowable());
            StringBuilder line = new StringBuilder();
            appendMarkers(line, event.getMarkers());
            appendKeyValuePairs(line, event.getKeyValuePairs());
            line.append(formatted.getMessage());
            TimelineSink.CURRENT.get().log(level.toString(), name, line.toString(), formatted.getThrowable());
        } else if (delegate instanceof LoggingEventAware aware) {
            aware.log(event);
        } else if (delegate.isEnabledForLevel(level)) {
            LoggingEventBuilder again = delegate.makeLoggingEventBuilder(level);
            if (event.getMarkers() != null) {
                event.getMarkers().forEach(again::addMarker);
            }
            if (event.getArguments() != null) {
                event.getArguments().forEach(again::addArgument);
            }
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(kv -> again.addKeyValue(kv.key, kv.value));
            }
            again.setCause(event.getThrowable()).log(event.getMessage());
        }
    }

    private static void appendMarkers(StringBuilder line, List<Marker> markers) {
        if (markers != null) {
            for (Marker marker : markers) {
                line.append(marker.getName()).append(' ');
            }
        }
    }

    private static void appendKeyValuePairs(StringBuilder line, List<KeyValuePair> pairs) {
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                line.append(pair.key).append('=').append(pair.value).append(' ');
            }
        }
    }
}
