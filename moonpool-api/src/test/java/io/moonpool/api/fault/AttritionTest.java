package io.moonpool.api.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttritionTest {

    @Test
    void defaultsMatchTheDesign() {
        Attrition a = Attrition.defaults();
        assertEquals(1, a.maxDead());
        assertEquals(Duration.ofSeconds(1), a.minRecoveryDelay());
        assertEquals(Duration.ofSeconds(10), a.maxRecoveryDelay());
        assertEquals(Duration.ofSeconds(2), a.minGracePeriod());
        assertEquals(Duration.ofSeconds(5), a.maxGracePeriod());
    }

    @Test
    void kindsAreDrawnByNormalisedWeights() {
        Attrition a =
                Attrition.builder().probGraceful(2).probCrash(6).probWipe(2).build();
        Map<RebootKind, Integer> counts = new EnumMap<>(RebootKind.class);
        for (int i = 0; i < 1000; i++) {
            counts.merge(a.kindFor(i / 1000.0), 1, Integer::sum);
        }
        assertEquals(Map.of(RebootKind.GRACEFUL, 200, RebootKind.CRASH, 600, RebootKind.CRASH_AND_WIPE, 200), counts);
    }

    @Test
    void aZeroWeightIsNeverDrawnEvenAtTheEdges() {
        Attrition noWipe =
                Attrition.builder().probGraceful(1).probCrash(1).probWipe(0).build();
        assertEquals(RebootKind.CRASH, noWipe.kindFor(Math.nextDown(1.0)));
        Attrition onlyGraceful =
                Attrition.builder().probGraceful(1).probCrash(0).probWipe(0).build();
        for (double u : new double[] {0, 0.5, Math.nextDown(1.0)}) {
            assertEquals(RebootKind.GRACEFUL, onlyGraceful.kindFor(u));
        }
    }

    @Test
    void invalidValuesAreAllReportedWithTheirFields() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .maxDead(0)
                        .probCrash(Double.NaN)
                        .gracePeriod(Duration.ofSeconds(-1), Duration.ofSeconds(1))
                        .build());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("probCrash"), e.getMessage());
        assertTrue(e.getMessage().contains("gracePeriod minimum must not be negative"), e.getMessage());
    }

    /** Each duration field set too long: beyond nanoseconds, or just beyond the accepted bound. */
    static Stream<Arguments> tooLongDurations() {
        Duration s = Duration.ofSeconds(1);
        Duration beyondNanos = Duration.ofSeconds(Long.MAX_VALUE);
        Duration justAbove = ConfigurationProblems.MAX_DURATION.plusNanos(1);
        return Stream.of(
                setting("recoveryDelay maximum", b -> b.recoveryDelay(s, beyondNanos)),
                setting("recoveryDelay maximum", b -> b.recoveryDelay(s, justAbove)),
                setting("gracePeriod maximum", b -> b.gracePeriod(s, beyondNanos)),
                setting("gracePeriod maximum", b -> b.gracePeriod(s, justAbove)));
    }

    private static Arguments setting(String field, UnaryOperator<Attrition.Builder> set) {
        return Arguments.of(field, set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLongDurations")
    void aDurationTooLongIsRejectedNamingTheFieldAndTheLimit(String field, UnaryOperator<Attrition.Builder> set) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> set.apply(Attrition.builder()).build());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(
                e.problems().getFirst().startsWith("attrition " + field + " must be at most 18250 days"),
                e.getMessage());
    }

    @Test
    void theLongestAcceptedDurationsAreAccepted() {
        Duration max = ConfigurationProblems.MAX_DURATION;
        Attrition a = Attrition.builder()
                .recoveryDelay(max, max)
                .gracePeriod(Duration.ZERO, max)
                .build();
        assertEquals(max, a.maxRecoveryDelay());
        assertEquals(Duration.ZERO, a.minGracePeriod());
    }

    @Test
    void aZeroRecoveryDelayIsRejectedSayingWhy() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .recoveryDelay(Duration.ZERO, Duration.ZERO)
                        .build());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(
                e.getMessage().contains("attrition recoveryDelay minimum must be positive, was PT0S"), e.getMessage());
        assertTrue(e.getMessage().contains("rebooted again at that instant"), e.getMessage());
        assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .recoveryDelay(Duration.ZERO, Duration.ofSeconds(10))
                        .build());
        Attrition.builder()
                .recoveryDelay(Duration.ofNanos(1), Duration.ofNanos(1))
                .build();
    }

    @Test
    void weightsWhoseSumOverflowsAreRejectedNamingThem() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .probGraceful(Double.MAX_VALUE)
                        .probCrash(Double.MAX_VALUE)
                        .probWipe(Double.MAX_VALUE)
                        .build());
        assertEquals(1, e.problems().size(), e.getMessage());
        String m = e.problems().getFirst();
        assertTrue(m.startsWith("attrition weights probGraceful (1.7976931348623157E308), probCrash"), m);
        assertTrue(m.contains("add up to infinity"), m);
        // one huge weight alone is fine: the sum stays finite and the others are normalised to nothing
        Attrition huge = Attrition.builder()
                .probGraceful(Double.MAX_VALUE)
                .probCrash(0)
                .probWipe(0)
                .build();
        assertEquals(RebootKind.GRACEFUL, huge.kindFor(0.5));
    }
}
