package io.moonpool.sim.internal.runner;

import io.moonpool.sim.internal.kernel.Kernel;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IterationServicesTest {

    private static IterationServices services(long seed, String plugin) {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        return IterationServices.of(kernel, seed, plugin, new SplittableRandom(seed), List.of(), Map.of(), () -> false);
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
        assertEquals(services(7, "network").configRandom().nextLong(),
                services(7, "network").configRandom().nextLong());
        assertNotEquals(services(7, "network").configRandom().nextLong(),
                services(7, "storage").configRandom().nextLong(), "another plugin");
    }
}
