package io.moonpool.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.slf4j.internal.RecordingSink;
import io.moonpool.slf4j.internal.RecordingSink.Line;
import io.moonpool.slf4j.internal.TimelineLoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Through SLF4J's own {@code LoggerFactory}, set up as the README says: slf4j-simple is on the test class path
 * too, and Surefire sets {@code -Dslf4j.provider=io.moonpool.slf4j.TimelineServiceProvider}; slf4j-simple writes to
 * the file {@code org.slf4j.simpleLogger.logFile} names. Surefire runs it twice: on the module path and on the class
 * path.
 */
class TimelineServiceProviderTest {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineServiceProviderTest.class);

    private static String printed() throws IOException {
        Path file = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void theProviderIsRegisteredAsAnSlf4jService() {
        List<String> found = ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(p -> p.type().getName())
                .toList();

        assertTrue(found.contains(TimelineServiceProvider.class.getName()), found.toString());
        assertTrue(found.contains("org.slf4j.simple.SimpleServiceProvider"), found.toString());
    }

    @Test
    void slf4jTakesTheProviderTheSystemPropertyNames() {
        assertInstanceOf(TimelineLoggerFactory.class, LoggerFactory.getILoggerFactory());
    }

    @Test
    void outsideASimulationTheLineIsPrintedBySlf4jSimpleAndInsideItGoesToTheTimelineOnly() throws IOException {
        RecordingSink sink = new RecordingSink();

        LOG.info("printed outside {}", "ab12");
        sink.inside(() -> LOG.info("recorded inside {}", "cd34"));

        String printed = printed();
        assertTrue(
                printed.contains("INFO " + TimelineServiceProviderTest.class.getName() + " - printed outside ab12"),
                printed);
        assertFalse(printed.contains("cd34"), printed);
        assertEquals(
                List.of(new Line("INFO", TimelineServiceProviderTest.class.getName(), "recorded inside cd34", null)),
                sink.lines());
    }

    @Test
    void debugIsRecordedInsideAlthoughSlf4jSimplePrintsFromInfo() throws IOException {
        RecordingSink sink = new RecordingSink();

        LOG.debug("debug outside ef56");
        sink.inside(() -> LOG.debug("debug inside {}", "gh78"));

        assertFalse(LOG.isDebugEnabled());
        assertFalse(printed().contains("ef56"));
        assertEquals(
                List.of(new Line("DEBUG", TimelineServiceProviderTest.class.getName(), "debug inside gh78", null)),
                sink.lines());
    }

    @Test
    void theMdcAndTheMarkersAreTheDelegates() {
        SLF4JServiceProvider simple = ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .filter(p -> p.type().getName().equals("org.slf4j.simple.SimpleServiceProvider"))
                .findFirst()
                .orElseThrow()
                .get();
        simple.initialize();

        assertEquals(simple.getMDCAdapter().getClass(), MDC.getMDCAdapter().getClass());
        assertEquals(
                simple.getMarkerFactory().getClass(),
                MarkerFactory.getIMarkerFactory().getClass());
    }

    @Test
    void badPropertiesAreReportedAndTheDefaultsUsedSoThatSlf4jKeepsWorking() {
        String level = System.getProperty(TimelineServiceProvider.LEVEL_PROPERTY);
        String delegate = System.getProperty(TimelineServiceProvider.DELEGATE_PROPERTY);
        System.setProperty(TimelineServiceProvider.LEVEL_PROPERTY, "LOUD");
        System.setProperty(TimelineServiceProvider.DELEGATE_PROPERTY, "no.such.Provider");
        try {
            TimelineServiceProvider provider = new TimelineServiceProvider();
            provider.initialize();
            Logger logger = provider.getLoggerFactory().getLogger("bad.properties");
            RecordingSink sink = new RecordingSink();
            ScopedValue.where(io.moonpool.api.spi.TimelineSink.CURRENT, sink)
                    .run(() -> logger.debug("recorded from the default level"));
            assertEquals(1, sink.lines().size(), sink.lines().toString());
        } finally {
            restore(TimelineServiceProvider.LEVEL_PROPERTY, level);
            restore(TimelineServiceProvider.DELEGATE_PROPERTY, delegate);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
