package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** User code that misbehaves in unusual places fails its seed, and the failure names who it was. */
class FailureAttributionTest {

    private static final Workload BRIEF = ctx -> ctx.time().sleep(Duration.ofSeconds(1));

    @Test
    void aProcessFactoryReturningNullFailsTheSeedNamingTheNode() {
        RunResult run = SimulationBuilder.create()
                .processes(1, () -> null)
                .workload(BRIEF)
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.EXCEPTION, failure.kind());
        assertEquals("10.0.1.1 (process factory)", failure.source());
        assertTrue(failure.message().contains("returned null"), failure.message());
    }

    @Test
    void aProcessWhoseNameThrowsFailsTheSeed() {
        SimProcess rude = new SimProcess() {
            @Override
            public void run(SimContext ctx) throws Exception {
                ctx.shutdown().await();
            }

            @Override
            public String name() {
                throw new IllegalStateException("no name today");
            }
        };
        RunResult run = SimulationBuilder.create()
                .processes(1, () -> rude)
                .workload(BRIEF)
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = Sims.failureOf(run);
        assertTrue(failure.source().startsWith("10.0.1.1 ("), failure.source());
        assertTrue(failure.source().endsWith(".name())"), failure.source());
        assertTrue(failure.message().contains("no name today"), failure.message());
    }

    @Test
    void aWorkloadWhoseNameThrowsFailsTheSeed() {
        Workload rude = new Workload() {
            @Override
            public void run(SimContext ctx) {}

            @Override
            public String name() {
                throw new IllegalStateException("no name today");
            }
        };
        SimulationReport report =
                SimulationBuilder.create().workload(rude).seeds(1).run();
        RunFailure failure = Sims.failureOf(report.runs().getFirst());
        assertEquals(FailureKind.EXCEPTION, failure.kind());
        assertTrue(failure.message().contains("no name today"), failure.message());
        assertTrue(failure.source().contains("name()"), failure.source());
    }

    @Test
    void aFaultContextCallWithANullArgumentFailsAtTheCallNamingTheArgument() {
        for (String call : new String[] {"reboot", "partition", "clog", "isAlive"}) {
            RunResult run = SimulationBuilder.create()
                    .processes(2, () -> ctx -> ctx.shutdown().await())
                    .workload(BRIEF)
                    .faultInjector(new ScriptedInjector("sloppy", ctx -> {
                        InetAddress ip = ctx.processIps().getFirst();
                        switch (call) {
                            case "reboot" -> ctx.reboot(ip, null);
                            case "partition" -> ctx.partition(null, ip, Duration.ofSeconds(1));
                            case "clog" -> ctx.clog(null, 0.5, Duration.ofSeconds(1));
                            default -> ctx.isAlive(null);
                        }
                    }))
                    .chaosDuration(Duration.ofMillis(500))
                    .seeds(1)
                    .run()
                    .runs()
                    .getFirst();
            RunFailure failure = Sims.failureOf(run);
            assertEquals("injector sloppy", failure.source(), call);
            assertTrue(
                    failure.message().contains(call + "(") && failure.message().contains("null"),
                    call + ": " + failure.message());
        }
    }

    @Test
    void rebootingWithANullKindNamesTheKind() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> {
            throw Sims.failureOf(SimulationBuilder.create()
                            .processes(1, () -> ctx -> ctx.shutdown().await())
                            .workload(BRIEF)
                            .faultInjector(new ScriptedInjector(
                                    "sloppy", ctx -> ctx.reboot(ctx.processIps().getFirst(), (RebootKind) null)))
                            .chaosDuration(Duration.ofMillis(500))
                            .seeds(1)
                            .run()
                            .runs()
                            .getFirst())
                    .exception()
                    .orElseThrow();
        });
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
    }
}
