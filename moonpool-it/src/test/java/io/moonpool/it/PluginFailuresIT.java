package io.moonpool.it;

import io.moonpool.api.fault.Attrition;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resource plugin that throws fails the seed, and the failure names the plugin and the call. */
class PluginFailuresIT {

    @org.junit.jupiter.api.Test
    void aThrowingPluginEventFailsTheSeedNamingThePlugin() {
        RunResult run = SimulationBuilder.create()
                .configure(new FaultyResource.Config("event"))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(5)
                .run().runs().getFirst();
        RunFailure failure = run.failure().orElseThrow(() -> new AssertionError("the seed passed"));
        assertEquals(RunFailure.Kind.EXCEPTION, failure.kind(), failure.summary());
        assertEquals("event io.moonpool.it.FaultyResource (a lambda)", failure.source());
        assertTrue(failure.message().contains("faulty event"), failure.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "provide", "onLifecycle", "onChaosEnd", "activity"})
    void aThrowingPluginFailsTheSeedNamingItself(String call) {
        RunResult run = SimulationBuilder.create()
                .configure(new FaultyResource.Config(call))
                .processes(3, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(40)))
                .attrition(Attrition.builder().maxDead(1).probGraceful(0).probCrash(1).probWipe(0).build())
                .chaosDuration(Duration.ofSeconds(30))
                .seeds(5)
                .run().runs().getFirst();
        RunFailure failure = run.failure().orElseThrow(() -> new AssertionError(call + ": the seed passed"));
        assertEquals(RunFailure.Kind.EXCEPTION, failure.kind(), failure.summary());
        assertTrue(failure.source().startsWith("resource plugin 'faulty' (" + call), failure.summary());
        assertTrue(failure.message().contains("faulty " + call), failure.summary());
    }
}
