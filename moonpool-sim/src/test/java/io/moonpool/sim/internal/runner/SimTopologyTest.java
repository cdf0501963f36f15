package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The address scheme: 10.0.1.x as before for the first 254 processes, then the next /24 subnets. */
class SimTopologyTest {

    private static String process(int n) {
        return SimTopology.processAddress(n).getHostAddress();
    }

    @Test
    void theFirst254ProcessesKeepTheirAddressesAndTheNextOnesContinueInTheNextSubnets() {
        assertEquals("10.0.1.1", process(1));
        assertEquals("10.0.1.254", process(254));
        assertEquals("10.0.2.1", process(255));
        assertEquals("10.0.2.254", process(508));
        assertEquals("10.0.3.1", process(509));
        assertEquals("10.0.4.238", process(1_000));
        assertEquals("10.0.40.94", process(10_000));
        assertEquals(64_770, SimTopology.MAX_PROCESSES);
        assertEquals("10.0.255.254", process(SimTopology.MAX_PROCESSES));
    }

    @Test
    void processesBeyondTheSchemeAndBelowOneAreRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SimTopology.processAddress(SimTopology.MAX_PROCESSES + 1));
        assertTrue(e.getMessage().contains("at most 64770 processes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimTopology.processAddress(0));
    }

    @Test
    void workloadsStayInTheirOwnSubnet() {
        assertEquals("10.0.0.1", SimTopology.workloadAddress(1).getHostAddress());
        assertEquals("10.0.0.254", SimTopology.workloadAddress(254).getHostAddress());
        assertThrows(IllegalArgumentException.class, () -> SimTopology.workloadAddress(255));
    }

    @Test
    void processOrderIsTheOrderOfTheAddressBytesNotOfTheirStrings() {
        byte[] previous = SimTopology.processAddress(1).getAddress();
        for (int n = 2; n <= SimTopology.MAX_PROCESSES; n++) {
            InetAddress ip = SimTopology.processAddress(n);
            byte[] bytes = ip.getAddress();
            assertTrue(Arrays.compareUnsigned(previous, bytes) < 0, "process " + n + " at " + ip);
            assertTrue(bytes[3] != 0 && bytes[3] != (byte) 255, "never a network or broadcast address: " + ip);
            previous = bytes;
        }
        // process 2287 is 10.0.10.1, which string order would put before process 255 (10.0.2.1)
        assertEquals("10.0.10.1", process(2_287));
    }

    @Test
    void aProcessNumberIsReadBackFromItsAddress() throws Exception {
        for (int n : new int[] {1, 254, 255, 509, 1_000, 10_000, SimTopology.MAX_PROCESSES}) {
            assertEquals(n, SimTopology.processNumber(SimTopology.processAddress(n)), "process " + n);
        }
        assertEquals(0, SimTopology.processNumber(SimTopology.workloadAddress(1)));
        assertEquals(0, SimTopology.processNumber(InetAddress.getByName("10.0.1.255")));
        assertEquals(0, SimTopology.processNumber(InetAddress.getByName("127.0.0.1")));
        assertEquals(0, SimTopology.processNumber(InetAddress.getByName("::1")));
        assertEquals(0, SimTopology.processNumber(null));
    }
}
