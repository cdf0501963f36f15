package io.moonpool.slf4j.internal;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A delegate that keeps what it is given and logs from {@code lowest} up, like a configured logback logger. */
class RecordingLogger extends AbstractLogger {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One call that reached the delegate, formatted. */
    record Call(Level level, String marker, String message, Throwable thrown) {}

    private final transient Level lowest;
    private final transient List<Call> calls = new ArrayList<>();

    RecordingLogger(String name, Level lowest) {
        this.name = name;
        this.lowest = lowest;
    }

    /** A factory whose loggers all log from {@code lowest} up, and keep one list of calls per name. */
    static ILoggerFactory factory(Level lowest) {
        Map<String, RecordingLogger> loggers = new TreeMap<>();
        return n -> loggers.computeIfAbsent(n, k -> new RecordingLogger(k, lowest));
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private boolean on(Level level) {
        return level.toInt() >= lowest.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return on(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return on(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        calls.add(new Call(
                level,
                marker == null ? null : marker.getName(),
                MessageFormatter.basicArrayFormat(messagePattern, arguments),
                throwable));
    }
}
