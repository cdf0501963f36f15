package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.net.NetworkConfig;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.storage.StorageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code FaultContext.reconfigure} across the plugins found on the class path: routed by resource id, refused by a
 * plugin that cannot reconfigure, and counted in the report beside the other faults.
 */
class ReconfigurationIT {

    /** An injector that runs one script during the chaos phase. */
    private record Script(String name, Body body) implements FaultInjector {
        interface Body {
            void run(FaultContext ctx) throws Exception;
        }

        @Override
        public void inject(FaultContext ctx) throws Exception {
            body.run(ctx);
        }
    }

    @Test
    void aPluginThatCannotReconfigureIsNamedInTheError() {
        List<String> messages = new ArrayList<>();
        SimulationBuilder.create()
                .processes(1, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .faultInjector(new Script(
                        "reconfigure",
                        ctx -> messages.add(assertThrows(
                                        UnsupportedOperationException.class,
                                        () -> ctx.reconfigure(
                                                ctx.processIps().getFirst(),
                                                new RecordingResource.Config(new ArrayList<>()),
                                                Duration.ofSeconds(1)))
                                .getMessage())))
                .chaosDuration(Duration.ofMillis(500))
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(1, messages.size());
        assertTrue(messages.getFirst().contains("resource plugin 'recording' cannot reconfigure"), messages.getFirst());
    }

    @Test
    void eachConfigurationGoesToItsOwnPluginAndTheReportCountsEveryReconfiguration() {
        SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(2)))
                .faultInjector(new Script("reconfigure", ctx -> {
                    for (var ip : ctx.processIps()) {
                        ctx.reconfigure(ip, StorageConfig.defaults(), Duration.ofMillis(100));
                        ctx.reconfigure(ip, NetworkConfig.defaults(), Duration.ofMillis(100));
                    }
                }))
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(1, 2, 3)
                .run();
        report.assertPassed();
        assertEquals(12L, report.faults().get("reconfigured"), report.faults()::toString);
        for (var run : report.runs()) {
            assertEquals(4L, run.faults().get("reconfigured"));
        }
    }
}
