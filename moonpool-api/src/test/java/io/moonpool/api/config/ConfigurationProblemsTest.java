package io.moonpool.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared checks: each problem names its field, every simulated duration is bounded. */
class ConfigurationProblemsTest {

    private static final Duration JUST_TOO_LONG = ConfigurationProblems.MAX_DURATION.plusNanos(1);
    private static final Duration TOO_LONG_FOR_NANOS = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void theBoundLeavesRoomForSumsInNanoseconds() {
        long max = ConfigurationProblems.MAX_DURATION.toNanos();
        assertTrue(max <= Long.MAX_VALUE / 4, "four of the longest durations must add up without overflow");
    }

    @Test
    void durationsLongerThanTheBoundAreRejectedNamingTheFieldAndTheBound() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> new ConfigurationProblems("net")
                        .nonNegative("timeout", JUST_TOO_LONG)
                        .positive("limit", TOO_LONG_FOR_NANOS)
                        .range("latency", new DurationRange(Duration.ZERO, TOO_LONG_FOR_NANOS))
                        .throwIfAny());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("net timeout must be at most 18250 days"), e.getMessage());
        assertTrue(e.problems().get(1).startsWith("net limit must be at most 18250 days"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith("net latency maximum must be at most 18250 days"), e.getMessage());
        assertTrue(e.getMessage().contains("ConfigurationProblems.MAX_DURATION"), e.getMessage());
    }

    @Test
    void theBoundItselfIsAccepted() {
        new ConfigurationProblems("net")
                .nonNegative("timeout", ConfigurationProblems.MAX_DURATION)
                .positive("limit", ConfigurationProblems.MAX_DURATION)
                .range("latency", DurationRange.of(ConfigurationProblems.MAX_DURATION))
                .throwIfAny();
    }

    @Test
    void positiveRejectsZeroNegativeAndNull() {
        ConfigurationProblems p = new ConfigurationProblems("")
                .positive("a", Duration.ZERO)
                .positive("b", Duration.ofSeconds(-1))
                .positive("c", null);
        assertEquals(
                List.of("a must be positive, was PT0S", "b must be positive, was PT-1S", "c must not be null"),
                p.problems());
    }

    @Test
    void problemsIsACopyInTheOrderFound() {
        ConfigurationProblems p = new ConfigurationProblems("x").add("first");
        List<String> before = p.problems();
        p.add("second");
        assertEquals(List.of("first"), before);
        assertEquals(List.of("first", "second"), p.problems());
        assertThrows(UnsupportedOperationException.class, () -> p.problems().add("third"));
    }
}
