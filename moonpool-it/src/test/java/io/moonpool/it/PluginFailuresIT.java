package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A resource plugin that throws fails the seed, and the failure names the plugin and the call. */
class PluginFailuresIT {

    /** The failure of one seed of a plain workload, with the faulty plugin throwing from {@code call}. */
    private static RunFailure failureOfAWorkloadWith(String call) {
        RunResult run = SimulationBuilder.create()
                .configure(new FaultyResource.Config(call))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        return run.failure().orElseThrow(() -> new AssertionError(call + ": the seed passed"));
    }

    @org.junit.jupiter.api.Test
    void aThrowingPluginEventFailsTheSeedNamingThePlugin() {
        RunFailure failure = failureOfAWorkloadWith("event");
        assertEquals(FailureKind.EXCEPTION, failure.kind(), failure.summary());
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
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(0)
                        .probCrash(1)
                        .probWipe(0)
                        .build())
                .chaosDuration(Duration.ofSeconds(30))
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = run.failure().orElseThrow(() -> new AssertionError(call + ": the seed passed"));
        assertEquals(FailureKind.EXCEPTION, failure.kind(), failure.summary());
        assertTrue(failure.source().startsWith("resource plugin 'faulty' (" + call), failure.summary());
        assertTrue(failure.message().contains("faulty " + call), failure.summary());
    }

    /** Without moonpool-net on this class path, the faulty plugin is the only one asked for NetworkControl. */
    @org.junit.jupiter.api.Test
    void aPluginThrowingFromACapabilityLookupFailsTheSeedNamingItAndTheCapability() {
        RunResult run = SimulationBuilder.create()
                .configure(new FaultyResource.Config("capability"))
                .processes(2, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(5)))
                .faultInjector(new FaultInjector() {
                    @Override
                    public String name() {
                        return "cutter";
                    }

                    @Override
                    public void inject(FaultContext ctx) {
                        ctx.partition(ctx.processIps().get(0), ctx.processIps().get(1), Duration.ofSeconds(1));
                    }
                })
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = run.failure().orElseThrow(() -> new AssertionError("the seed passed"));
        assertEquals("resource plugin 'faulty' (capability NetworkControl)", failure.source(), failure.summary());
        assertTrue(failure.message().contains("faulty capability"), failure.summary());
    }

    @org.junit.jupiter.api.Test
    void aPluginAnsweringNullInsteadOfAnEmptyOptionalFailsTheSeedNamingIt() {
        RunFailure failure = failureOfAWorkloadWith("null activity");
        assertEquals("resource plugin 'faulty' (activity)", failure.source(), failure.summary());
        assertTrue(
                failure.message().contains("activity() returned null instead of Optional.empty()"), failure.summary());
    }
}
