package io.moonpool.junit.internal;

import io.moonpool.sim.Progress;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints a progress line every interval of a long run, and nothing in a run shorter than one interval. It reads
 * the run's own wall time from each {@link Progress}, so it needs no clock of its own.
 */
final class ProgressLine implements Consumer<Progress> {

    private final String name;
    private final long intervalNanos;
    private final Consumer<String> out;
    private long nextNanos;

    /**
     * A progress printer.
     *
     * @param name     the test, at the start of each line
     * @param interval the real time between two lines, and before the first; zero or negative prints none
     * @param out      where the lines go
     */
    ProgressLine(String name, Duration interval, Consumer<String> out) {
        this.name = name;
        this.intervalNanos = interval.isNegative() || interval.isZero() ? Long.MAX_VALUE : interval.toNanos();
        this.out = out;
        this.nextNanos = intervalNanos;
    }

    @Override
    public void accept(Progress p) {
        long now = p.wallTime().toNanos();
        if (now < nextNanos) {
            return;
        }
        while (nextNanos <= now && nextNanos != Long.MAX_VALUE) {
            nextNanos = nextNanos > Long.MAX_VALUE - intervalNanos ? Long.MAX_VALUE : nextNanos + intervalNanos;
        }
        out.accept(line(name, p));
    }

    /** The line: {@code moonpool: Test.method: 12000 iterations, 1 failed, 2400/s, assertions 14 seen, 2 unsatisfied}. */
    static String line(String name, Progress p) {
        return String.format(
                Locale.ROOT,
                "moonpool: %s: %d iterations, %d failed, %.0f/s, assertions %d seen, %d unsatisfied, after %ds",
                name,
                p.iterations(),
                p.failures(),
                p.iterationsPerSecond(),
                p.assertions(),
                p.unsatisfied(),
                p.wallTime().toSeconds());
    }
}
