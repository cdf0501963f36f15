package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RecordingKernel answers localities as the runner does, from what the test placed, drawing nothing. */
class RecordingKernelLocalityTest {

    @Test
    void placedNodesHaveTheirLocalityAndDomainsListThemInTheOrderPlaced() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.1.1");
        InetAddress b = InetAddress.getByName("10.0.1.2");
        InetAddress c = InetAddress.getByName("10.0.1.3");
        Locality m1 = new Locality("dc1", "dc1-z1", "dc1-z1-m1");
        RecordingKernel kernel =
                new RecordingKernel().place(b, m1).place(a, m1).place(c, new Locality("dc1", "dc1-z2", "dc1-z2-m1"));
        assertEquals(Optional.of(m1), kernel.locality(a));
        assertEquals(Optional.empty(), kernel.locality(InetAddress.getByName("10.0.0.1")), "never placed");
        assertEquals(List.of(b, a), kernel.ipsIn(FailureDomain.MACHINE, "dc1-z1-m1"));
        assertEquals(List.of(b, a, c), kernel.ipsIn(FailureDomain.DATACENTER, "dc1"));
        assertEquals(List.of(c), kernel.ipsIn(FailureDomain.PROCESS, "10.0.1.3"));
        assertEquals(List.of(), kernel.ipsIn(FailureDomain.ZONE, "dc1-z3"));
        assertEquals(0, kernel.simulationDraws());
    }
}
