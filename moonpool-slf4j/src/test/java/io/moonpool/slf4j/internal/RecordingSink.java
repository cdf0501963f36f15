package io.moonpool.slf4j.internal;

import io.moonpool.api.spi.TimelineSink;
import java.util.ArrayList;
import java.util.List;

/** A timeline that keeps the log lines it is given, in order; record entries are ignored. */
public final class RecordingSink implements TimelineSink {

    /** One log line. */
    public record Line(String level, String logger, String message, Throwable thrown) {}

    private final List<Line> lines = new ArrayList<>();

    @Override
    public void record(String what, Object subject, long value) {}

    @Override
    public void log(String level, String logger, String message, Throwable thrown) {
        lines.add(new Line(level, logger, message, thrown));
    }

    /** The lines logged so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Runs {@code body} as code inside a simulation whose timeline is this sink. */
    public void inside(Runnable body) {
        ScopedValue.where(CURRENT, this).run(body);
    }
}
