package io.moonpool.slf4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.slf4j.internal.RecordingLogger.Call;
import io.moonpool.slf4j.internal.RecordingSink.Line;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventBuilder;

class TimelineLoggerTest {

    private static final String NAME = "com.example.Store";
    private static final Marker AUDIT = new BasicMarkerFactory().getMarker("AUDIT");

    private final RecordingSink sink = new RecordingSink();

    private static Logger logger(Threshold threshold, Level delegateLowest) {
        return new TimelineLoggerFactory(threshold, RecordingLogger.factory(delegateLowest)).getLogger(NAME);
    }

    private static List<Call> delegateCalls(Logger logger) {
        return ((RecordingLogger) ((TimelineLogger) logger).delegate()).calls();
    }

    @Test
    void insideASimulationTheFormattedMessageGoesToTheTimelineWithItsLevelLoggerAndThrowable() {
        Logger log = logger(Threshold.DEFAULT, Level.TRACE);
        IllegalStateException boom = new IllegalStateException("boom");

        sink.inside(() -> {
            log.warn("put {} = {}", "a", 1, boom);
            log.info("no arguments");
            log.error("one {}", "argument");
            log.debug("two {} {}", "a", "b");
            log.info("with a throwable", boom);
        });

        assertEquals(
                List.of(
                        new Line("WARN", NAME, "put a = 1", boom),
                        new Line("INFO", NAME, "no arguments", null),
                        new Line("ERROR", NAME, "one argument", null),
                        new Line("DEBUG", NAME, "two a b", null),
                        new Line("INFO", NAME, "with a throwable", boom)),
                sink.lines());
        assertEquals(List.of(), delegateCalls(log), "nothing printed inside a simulation");
    }

    @Test
    void aTwoArgumentCallWhoseLastArgumentIsAThrowableRecordsItAsTheThrowable() {
        Logger log = logger(Threshold.DEFAULT, Level.TRACE);
        IllegalStateException boom = new IllegalStateException("boom");

        sink.inside(() -> log.info("lost {}", "x", boom));

        assertEquals(List.of(new Line("INFO", NAME, "lost x", boom)), sink.lines());
    }

    @Test
    void outsideASimulationTheCallReachesTheDelegateWithItsMarkerArgumentsAndThrowable() {
        Logger log = logger(Threshold.DEFAULT, Level.TRACE);
        IllegalStateException boom = new IllegalStateException("boom");

        log.warn("put {} = {}", "a", 1, boom);
        log.info(AUDIT, "audited {}", "x");
        log.error("failed", boom);

        assertEquals(
                List.of(
                        new Call(Level.WARN, null, "put a = 1", boom),
                        new Call(Level.INFO, "AUDIT", "audited x", null),
                        new Call(Level.ERROR, null, "failed", boom)),
                delegateCalls(log));
        assertEquals(List.of(), sink.lines());
    }

    @Test
    void levelsBelowTheThresholdAreDroppedInsideAndIsEnabledSaysSo() {
        Logger log = logger(Threshold.of(Level.INFO), Level.TRACE);
        List<Boolean> enabled = new ArrayList<>();

        sink.inside(() -> {
            log.trace("trace");
            log.debug("debug {}", 1);
            log.info("info");
            log.atDebug().log("fluent debug");
            enabled.addAll(List.of(
                    log.isTraceEnabled(),
                    log.isDebugEnabled(),
                    log.isDebugEnabled(AUDIT),
                    log.isInfoEnabled(),
                    log.isWarnEnabled(),
                    log.isErrorEnabled(),
                    log.isEnabledForLevel(Level.DEBUG)));
        });

        assertEquals(List.of(new Line("INFO", NAME, "info", null)), sink.lines());
        assertEquals(List.of(false, false, false, true, true, true, false), enabled);
        assertEquals(List.of(), delegateCalls(log));
    }

    @Test
    void isEnabledOutsideIsTheDelegatesAnswerAndInsideTheThresholds() {
        // the delegate prints WARN and above; inside, DEBUG and above are recorded
        Logger log = logger(Threshold.DEFAULT, Level.WARN);
        AtomicReference<List<Boolean>> inside = new AtomicReference<>();

        List<Boolean> outside = List.of(log.isDebugEnabled(), log.isInfoEnabled(), log.isWarnEnabled());
        sink.inside(() -> inside.set(List.of(log.isDebugEnabled(), log.isInfoEnabled(), log.isWarnEnabled())));
        log.info("dropped by the delegate");
        log.warn("printed");

        assertEquals(List.of(false, false, true), outside);
        assertEquals(List.of(true, true, true), inside.get());
        assertEquals(List.of(new Call(Level.WARN, null, "printed", null)), delegateCalls(log));
    }

    @Test
    void offRecordsNothingInsideAndStillPrintsNothing() {
        Logger log = logger(Threshold.OFF, Level.TRACE);

        sink.inside(() -> {
            log.error("error");
            log.atError().log("fluent error");
        });

        assertEquals(List.of(), sink.lines());
        assertEquals(List.of(), delegateCalls(log));
    }

    @Test
    void theFluentApiInsideWritesMarkersAndKeyValuePairsBeforeTheMessage() {
        Logger log = logger(Threshold.DEFAULT, Level.TRACE);
        IllegalStateException boom = new IllegalStateException("boom");

        sink.inside(() -> {
            log.atInfo()
                    .addMarker(AUDIT)
                    .addKeyValue("key", "k1")
                    .addKeyValue("version", 3)
                    .setCause(boom)
                    .log("put {}", "v");
            log.atWarn().addArgument("x").setMessage("lazy {}").log();
            log.atError().log("last argument {}", "y", boom);
            log.info(AUDIT, "classic with a marker");
        });

        assertEquals(
                List.of(
                        new Line("INFO", NAME, "AUDIT key=k1 version=3 put v", boom),
                        new Line("WARN", NAME, "lazy x", null),
                        new Line("ERROR", NAME, "last argument y", boom),
                        new Line("INFO", NAME, "AUDIT classic with a marker", null)),
                sink.lines());
        assertEquals(List.of(), delegateCalls(log));
    }

    @Test
    void theFluentApiOutsideReachesTheDelegate() {
        Logger log = logger(Threshold.DEFAULT, Level.INFO);

        log.atDebug().log("dropped by the delegate");
        log.atInfo().addArgument(7).log("seven {}");

        assertEquals(List.of(new Call(Level.INFO, null, "seven 7", null)), delegateCalls(log));
        assertEquals(List.of(), sink.lines());
    }

    @Test
    void aBuilderMadeInsideAndLoggedOutsideReachesTheDelegate() {
        Logger log = logger(Threshold.DEFAULT, Level.INFO);
        AtomicReference<LoggingEventBuilder> builder = new AtomicReference<>();

        sink.inside(() -> builder.set(log.atInfo().addArgument("late")));
        builder.get().log("logged {}");

        assertEquals(List.of(new Call(Level.INFO, null, "logged late", null)), delegateCalls(log));
        assertEquals(List.of(), sink.lines());
    }

    @Test
    void withoutADelegateCallsOutsideAreDroppedAndInsideStillRecorded() {
        Logger log = new TimelineLoggerFactory(Threshold.DEFAULT, null).getLogger(NAME);

        log.error("dropped");
        sink.inside(() -> log.info("kept"));

        assertFalse(log.isErrorEnabled());
        assertEquals(List.of(new Line("INFO", NAME, "kept", null)), sink.lines());
    }

    @Test
    void theFactoryGivesOneLoggerPerName() {
        TimelineLoggerFactory factory =
                new TimelineLoggerFactory(Threshold.DEFAULT, RecordingLogger.factory(Level.INFO));

        assertSame(factory.getLogger(NAME), factory.getLogger(NAME));
        assertEquals("other", factory.getLogger("other").getName());
    }

    @Test
    void twoThreadsWithTwoSinksKeepTheirLinesApart() throws Exception {
        Logger log = logger(Threshold.DEFAULT, Level.TRACE);
        int lines = 500;
        // both threads log their i-th line before either goes on: the calls interleave
        CyclicBarrier step = new CyclicBarrier(2);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = Thread.ofPlatform().start(() -> first.inside(() -> logLines(log, "first", lines, step, failure)));
        Thread b = Thread.ofPlatform().start(() -> second.inside(() -> logLines(log, "second", lines, step, failure)));
        a.join();
        b.join();

        assertEquals(null, failure.get());
        assertEquals(expected("first", lines), first.lines());
        assertEquals(expected("second", lines), second.lines());
        assertEquals(List.of(), delegateCalls(log));
    }

    private static void logLines(
            Logger log, String who, int lines, CyclicBarrier step, AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; i < lines; i++) {
                step.await();
                log.info("{} {}", who, i);
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private static List<Line> expected(String who, int lines) {
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            all.add(new Line("INFO", NAME, who + " " + i, null));
        }
        return all;
    }

    @Test
    void aLocationAwareDelegateGetsTheCallerBoundaryOfTheUsersCall() {
        LocatedLogger located = new LocatedLogger();
        Logger log = new TimelineLogger(NAME, Threshold.DEFAULT, located);

        log.info("where {}", "here");

        // logback takes the frame that calls the boundary class as the caller: the user's, not TimelineLogger's
        assertEquals(AbstractLogger.class.getName(), located.boundary);
        assertEquals(List.of(new Call(Level.INFO, null, "where here", null)), located.calls());
        assertTrue(sink.lines().isEmpty());
    }

    /** A delegate like logback's loggers, which take the caller boundary to find the caller's frame. */
    private static final class LocatedLogger extends RecordingLogger implements LocationAwareLogger {

        @Serial
        private static final long serialVersionUID = 1L;

        private transient String boundary;

        LocatedLogger() {
            super(NAME, Level.TRACE);
        }

        @Override
        public void log(Marker marker, String fqcn, int level, String message, Object[] argArray, Throwable t) {
            boundary = fqcn;
            handleNormalizedLoggingCall(Level.intToLevel(level), marker, message, argArray, t);
        }
    }
}
