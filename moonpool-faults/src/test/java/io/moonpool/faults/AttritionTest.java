package io.moonpool.faults;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attrition: maxDead holds, kinds follow their weights, bad configuration is rejected. */
class AttritionTest {

    /** Samples, every 10 ms of simulated time, how many processes are not alive. */
    static final class DeadCounter implements FaultInjector {
        int maxSeenDead;

        @Override
        public String name() {
            return "observer";
        }

        @Override
        public void inject(FaultContext ctx) throws Exception {
            while (!ctx.chaosShutdown().isRequested()) {
                int dead = 0;
                for (InetAddress ip : ctx.processIps()) {
                    dead += ctx.isAlive(ip) ? 0 : 1;
                }
                maxSeenDead = Math.max(maxSeenDead, dead);
                ctx.time().sleep(Duration.ofMillis(10));
            }
        }
    }

    private static SimulationReport attrition(Attrition a, int processes, int iterations, DeadCounter observer) {
        SimulationBuilder b = SimulationBuilder.create()
                .processes(processes, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(120)))
                .attrition(a)
                .chaosDuration(Duration.ofSeconds(120));
        if (observer != null) {
            b.faultInjector(observer);
        }
        SimulationReport report = b.iterations(iterations).run();
        report.assertPassed();
        return report;
    }

    @Test
    void maxDeadIsNeverExceeded() {
        for (int maxDead = 1; maxDead <= 2; maxDead++) {
            DeadCounter observer = new DeadCounter();
            Attrition a = Attrition.builder().maxDead(maxDead).recoveryDelay(Duration.ofSeconds(1),
                    Duration.ofSeconds(20)).build();
            SimulationReport report = attrition(a, 4, 20, observer);
            int total = report.runs().stream().mapToInt(r -> r.reboots(RebootKind.CRASH)
                    + r.reboots(RebootKind.GRACEFUL) + r.reboots(RebootKind.CRASH_AND_WIPE)).sum();
            assertTrue(total > 50, "too few reboots to tell: " + total);
            assertEquals(maxDead, observer.maxSeenDead, "maxDead " + maxDead + " exceeded or never reached");
        }
    }

    @Test
    void kindsOccurInProportionToTheirWeightsAndAZeroWeightNever() {
        Attrition a = Attrition.builder().maxDead(1).probGraceful(1).probCrash(3).probWipe(0).build();
        SimulationReport report = attrition(a, 3, 40, null);
        int graceful = 0;
        int crash = 0;
        for (RunResult r : report.runs()) {
            graceful += r.reboots(RebootKind.GRACEFUL);
            crash += r.reboots(RebootKind.CRASH);
            assertEquals(0, r.reboots(RebootKind.CRASH_AND_WIPE), "a zero weight occurred");
        }
        double share = crash / (double) (graceful + crash);
        assertTrue(graceful + crash > 200, "too few reboots: " + (graceful + crash));
        assertTrue(share > 0.65 && share < 0.85, "crash share " + share + " is far from 0.75");
        assertTrue(report.toString().contains("attrition: {GRACEFUL="), report.toString());
    }

    @Test
    void invalidAttritionIsRejectedWithEveryProblem() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Attrition.builder().maxDead(0)
                .probGraceful(-1).probCrash(0).probWipe(0)
                .recoveryDelay(Duration.ofSeconds(5), Duration.ofSeconds(1)).build());
        String m = e.getMessage();
        assertTrue(m.contains("maxDead must be at least 1"), m);
        assertTrue(m.contains("probGraceful must be a finite weight >= 0"), m);
        assertTrue(m.contains("recoveryDelay minimum PT5S is above its maximum PT1S"), m);
        assertThrows(ConfigurationException.class, () -> Attrition.builder().probGraceful(0).probCrash(0)
                .probWipe(0).build());
    }

    @Test
    void attritionNeedsChaosProcessesAndRoomBelowMaxDead() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SimulationBuilder.create()
                .workload(ctx -> { })
                .attrition(Attrition.builder().maxDead(1).build())
                .run());
        assertTrue(e.getMessage().contains("attrition needs a chaos duration"), e.getMessage());
        assertTrue(e.getMessage().contains("there are none: add .processes(n, factory)"), e.getMessage());
        ConfigurationException tooMany = assertThrows(ConfigurationException.class, () -> SimulationBuilder.create()
                .workload(ctx -> { })
                .processes(2, () -> ctx -> { })
                .attrition(Attrition.builder().maxDead(2).build())
                .chaosDuration(Duration.ofSeconds(1))
                .run());
        assertTrue(tooMany.getMessage().contains("maxDead (2) must be below the number of processes (2)"),
                tooMany.getMessage());
    }
}
