package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Clusters past 254 processes: addresses, boot order and the order of the topology and of the state. */
class ProcessAddressingTest {

    /** What one run saw: the boots in order, and the workload's view of the topology and of the state. */
    private record Seen(List<InetAddress> boots, List<InetAddress> topology, List<InetAddress> state) {}

    private static Seen run(int processes) {
        List<InetAddress> boots = new ArrayList<>();
        List<InetAddress> topology = new ArrayList<>();
        List<InetAddress> state = new ArrayList<>();
        SimulationBuilder.create()
                .processes(processes, () -> ctx -> {
                    boots.add(ctx.ip());
                    ctx.time().sleep(Duration.ofDays(1));
                })
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(1));
                    topology.addAll(ctx.topology().processIps());
                    state.addAll(ctx.state().processes());
                })
                .seeds(14)
                .run()
                .assertPassed();
        return new Seen(boots, topology, state);
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 255, 10_000})
    void processesBootInAddressOrderAcrossSubnets(int processes) {
        Seen seen = run(processes);
        assertEquals(processes, seen.boots().size());
        // all boot at time 0, run in an order the seed draws: in address-byte order they are the topology
        List<InetAddress> booted = new ArrayList<>(seen.boots());
        booted.sort((a, b) -> Arrays.compareUnsigned(a.getAddress(), b.getAddress()));
        assertTrue(booted.equals(seen.topology()), "every process booted once at its own address");
        assertTrue(seen.topology().equals(seen.state()), "the state lists the processes in topology order");
        assertEquals("10.0.1.1", seen.topology().getFirst().getHostAddress());
        assertEquals("10.0.1.254", seen.topology().get(253).getHostAddress());
        String last = seen.topology().getLast().getHostAddress();
        assertEquals(
                switch (processes) {
                    case 254 -> "10.0.1.254";
                    case 255 -> "10.0.2.1";
                    default -> "10.0.40.94";
                },
                last);
        for (int i = 1; i < processes; i++) {
            byte[] before = seen.topology().get(i - 1).getAddress();
            byte[] after = seen.topology().get(i).getAddress();
            assertTrue(Arrays.compareUnsigned(before, after) < 0, "in byte order at " + i);
        }
    }

    @Test
    void moreProcessesThanTheAddressSchemeHoldsAreRejectedNamingTheLimit() {
        SimulationBuilder b = SimulationBuilder.create()
                .processes(64_771, () -> ctx -> {})
                .workload(ctx -> {})
                .seeds(1);
        String message = assertThrows(ConfigurationException.class, b::run).getMessage();
        assertTrue(message.contains("1 <= n <= 64770"), message);
        assertTrue(message.contains("was 64771"), message);
    }
}
