package com.example.ledger.test;

import com.example.ledger.LedgerServer;
import io.moonpool.api.Assertions;
import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.junit.SimulationTest;
import io.moonpool.sim.SimulationBuilder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerSimulationTest {

    /** Deposits 1 to 5, retrying while attrition reboots the server; a total never drops below the deposit. */
    static final class Deposits implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1)); // the server binds as the run phase starts
            InetSocketAddress server = new InetSocketAddress(ctx.topology().processIps().getFirst(), LedgerServer.PORT);
            for (long amount = 1; amount <= 5; amount++) {
                while (true) {
                    try (Connection c = ctx.network().connect(server)) {
                        new DataOutputStream(c.output()).writeLong(amount);
                        c.output().flush();
                        long total = new DataInputStream(c.input()).readLong();
                        Assertions.always(total >= amount, "a deposit's total includes it");
                        break;
                    } catch (IOException e) {
                        ctx.time().sleep(Duration.ofMillis(500)); // rebooting: try again
                    }
                }
            }
        }
    }

    @Test
    void depositsAreAnsweredWhileTheServerReboots() {
        SimulationBuilder.create()
                .processes(2, LedgerServer::new)
                .workload(new Deposits())
                .attrition(Attrition.builder().maxDead(1).build())
                .chaosDuration(Duration.ofSeconds(3))
                .baseSeed(1)
                .iterations(5)
                .run()
                .assertPassed();
    }

    /** The same simulation as a JUnit test of the moonpool engine: it runs the builder and fails on a failing seed. */
    @SimulationTest(iterations = 5)
    SimulationBuilder depositsAreAnsweredAsASimulationTest() {
        return SimulationBuilder.create()
                .processes(2, LedgerServer::new)
                .workload(new Deposits())
                .attrition(Attrition.builder().maxDead(1).build())
                .chaosDuration(Duration.ofSeconds(3))
                .baseSeed(1);
    }
}
