package io.moonpool.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every duration of the network's configuration is bounded, and a value out of bounds names its field. */
class NetworkConfigTest {

    private static final Duration MAX = ConfigurationProblems.MAX_DURATION;

    /** Each duration field, as the name its problem uses and a setter given one duration. */
    static Stream<Arguments> durationFields() {
        return Stream.of(
                field("latency.connect maximum", (b, d) -> b.connectLatency(Duration.ZERO, d)),
                field("latency.accept maximum", (b, d) -> b.acceptLatency(Duration.ZERO, d)),
                field("latency.delivery maximum", (b, d) -> b.deliveryLatency(Duration.ZERO, d)),
                field("latency.write maximum", (b, d) -> b.writeLatency(Duration.ZERO, d)),
                field("clogging.duration maximum", (b, d) -> b.clogging(0.1, Duration.ZERO, d)),
                field("pairLatency.max", NetworkConfig.Builder::pairLatency),
                field("connectTimeout", NetworkConfig.Builder::connectTimeout),
                field("clockSkew.max", NetworkConfig.Builder::clockSkew));
    }

    private static Arguments field(
            String name, BiFunction<NetworkConfig.Builder, Duration, NetworkConfig.Builder> set) {
        return Arguments.of(name, set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationFields")
    void aDurationTooLongIsRejectedNamingTheFieldAndTheLimit(
            String field, BiFunction<NetworkConfig.Builder, Duration, NetworkConfig.Builder> set) {
        for (Duration tooLong : new Duration[] {MAX.plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE)}) {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> set.apply(NetworkConfig.builder(), tooLong).build());
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(
                    e.problems().getFirst().startsWith("network " + field + " must be at most 18250 days"),
                    e.getMessage());
        }
        set.apply(NetworkConfig.builder(), MAX).build();
    }

    @Test
    void everyDurationTooLongIsReportedAtOnce() {
        Duration tooLong = MAX.plusDays(1);
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> NetworkConfig.builder()
                        .deliveryLatency(Duration.ZERO, tooLong)
                        .connectTimeout(tooLong)
                        .clockSkew(tooLong)
                        .build());
        assertEquals(3, e.problems().size(), e.getMessage());
    }
}
