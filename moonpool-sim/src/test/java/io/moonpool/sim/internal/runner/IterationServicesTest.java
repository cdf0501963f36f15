package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.config.DurationRange;
import io.moonpool.sim.internal.kernel.Kernel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class IterationServicesTest {

    private static IterationServices services(long seed, String plugin) {
        return services(seed, plugin, new SplittableRandom(seed), false);
    }

    private static IterationServices services(long seed, String plugin, RandomGenerator random, boolean chaos) {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        return IterationServices.of(
                kernel,
                seed,
                plugin,
                random,
                List.of(),
                () -> chaos,
                Timeline.OFF,
                new java.util.TreeMap<>(),
                new SimTopology(List.of(), List.of(), List.of(), Localities.none()));
    }

    /** A generator that counts its draws: every default method of {@link RandomGenerator} goes through here. */
    private static final class CountingRandom implements RandomGenerator {
        private final SplittableRandom delegate = new SplittableRandom(3);
        int draws;

        @Override
        public long nextLong() {
            draws++;
            return delegate.nextLong();
        }
    }

    @Test
    void aFaultWithProbabilityZeroOrOutsideTheChaosPhaseNeverStrikesAndDrawsNothing() {
        CountingRandom random = new CountingRandom();
        IterationServices during = services(7, "network", random, true);
        IterationServices after = services(7, "network", random, false);
        for (int i = 0; i < 100; i++) {
            assertFalse(during.strikes(0));
            assertFalse(after.strikes(1));
            assertFalse(after.strikes(0.5));
        }
        assertEquals(0, random.draws, "a plugin with its faults off draws nothing");
        assertTrue(during.strikes(1), "a certain fault strikes during chaos");
        assertEquals(1, random.draws, "one draw per strike that could happen");
    }

    @Test
    void aFixedDurationRangeReturnsItsValueAndDrawsNothing() {
        CountingRandom random = new CountingRandom();
        IterationServices s = services(7, "storage", random, true);
        for (int i = 0; i < 100; i++) {
            assertEquals(20_000, s.drawNanos(DurationRange.of(Duration.ofNanos(20_000))));
            assertEquals(0, s.drawNanos(DurationRange.of(Duration.ZERO)));
        }
        assertEquals(0, random.draws, "fixed latencies cost no draw");
        DurationRange wide = new DurationRange(Duration.ofNanos(5), Duration.ofNanos(6));
        for (int i = 0; i < 100; i++) {
            long n = s.drawNanos(wide);
            assertTrue(n == 5 || n == 6, "both ends included: " + n);
        }
        assertTrue(random.draws > 0);
    }

    @Test
    void eachPluginHasConfigurationStreamsOfItsOwnThatDependOnlyOnSeedPluginAndIp() throws Exception {
        InetAddress ip = InetAddress.getByName("10.0.1.1");
        InetAddress other = InetAddress.getByName("10.0.1.2");
        long network = services(7, "network").configRandom(ip).nextLong();
        assertEquals(network, services(7, "network").configRandom(ip).nextLong(), "same seed, plugin and IP");
        assertNotEquals(network, services(7, "storage").configRandom(ip).nextLong(), "another plugin");
        assertNotEquals(network, services(7, "network").configRandom(other).nextLong(), "another IP");
        assertNotEquals(network, services(8, "network").configRandom(ip).nextLong(), "another seed");
        assertEquals(
                services(7, "network").configRandom().nextLong(),
                services(7, "network").configRandom().nextLong());
        assertNotEquals(
                services(7, "network").configRandom().nextLong(),
                services(7, "storage").configRandom().nextLong(),
                "another plugin");
    }
}
