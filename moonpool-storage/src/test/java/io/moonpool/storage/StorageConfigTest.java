package io.moonpool.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every duration range of the disks' configuration is bounded, and a value out of bounds names its field. */
class StorageConfigTest {

    private static final Duration MAX = ConfigurationProblems.MAX_DURATION;

    /** Each duration range, as the name its problem uses and a setter given its maximum. */
    static Stream<Arguments> durationFields() {
        return Stream.of(
                field("latency.read", (b, d) -> b.readLatency(Duration.ZERO, d)),
                field("latency.write", (b, d) -> b.writeLatency(Duration.ZERO, d)),
                field("latency.sync", (b, d) -> b.syncLatency(Duration.ZERO, d)),
                field("stalls.duration", (b, d) -> b.stalls(0.1, Duration.ZERO, d)),
                field("throttles.duration", (b, d) -> b.throttles(0.1, Duration.ZERO, d, 2)));
    }

    private static Arguments field(
            String name, BiFunction<StorageConfig.Builder, Duration, StorageConfig.Builder> set) {
        return Arguments.of(name, set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationFields")
    void aDurationTooLongIsRejectedNamingTheFieldAndTheLimit(
            String field, BiFunction<StorageConfig.Builder, Duration, StorageConfig.Builder> set) {
        for (Duration tooLong : new Duration[] {MAX.plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE)}) {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> set.apply(StorageConfig.builder(), tooLong).build());
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(
                    e.problems().getFirst().startsWith("storage " + field + " maximum must be at most 18250 days"),
                    e.getMessage());
        }
        set.apply(StorageConfig.builder(), MAX).build();
    }
}
