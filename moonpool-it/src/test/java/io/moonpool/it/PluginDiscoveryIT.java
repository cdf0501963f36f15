package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.LifecycleEntry;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plugins found on the class path through META-INF/services, named by their annotation without being built,
 * and built through Guice with the simulation's and the user's bindings in every iteration that enables them; processes built through Guice on every boot; lifecycle events published to resource
 * plugins.
 */
class PluginDiscoveryIT {

    // this test's own: each test method runs on a fresh instance of the class
    private final Journal journal = new Journal();
    private final List<String> events = new ArrayList<>();

    private SimulationBuilder cluster() {
        return SimulationBuilder.create()
                .module(binder -> {
                    binder.bind(Greeting.class).toInstance(new Greeting("hello"));
                    binder.bind(Journal.class).toInstance(journal);
                })
                .configure(new RecordingResource.Config(events))
                .processes(2, Counter.class)
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .chaosDuration(Duration.ofSeconds(20));
    }

    @Test
    void aDiscoveredInjectorIsBuiltByGuiceWithUserAndSimulationBindingsInEveryIteration() {
        List<RunResult> runs = cluster().faults("greeter").seeds(1, 2, 3).run().runs();
        for (RunResult r : runs) {
            r.assertPassed();
            assertEquals(1, r.reboots(RebootKind.CRASH));
            assertEquals(1, r.rebootsByInjector().get("greeter").get(RebootKind.CRASH));
        }
        assertEquals(List.of("hello 2 processes", "hello 2 processes", "hello 2 processes"), journal.injections());
    }

    @Test
    void everyBootGetsAFreshGuiceBuiltInstanceWithItsOwnContext() {
        cluster().faults("greeter").seeds(5).run().assertPassed();
        assertEquals(3, journal.boots().size(), journal.boots()::toString);
        assertTrue(journal.boots().contains("0 10.0.1.1 instance 1 hello"), journal.boots()::toString);
        assertTrue(journal.boots().contains("0 10.0.1.2 instance 2 hello"), journal.boots()::toString);
        String reboot = journal.boots().get(2);
        assertTrue(reboot.contains("10.0.1.1 instance 3 hello"), reboot);
    }

    @Test
    void lifecycleEventsReachResourcePlugins() {
        cluster().faults("greeter").seeds(5).run().assertPassed();
        assertEquals(2, events.size(), events::toString);
        assertEquals("1000 10.0.1.1 KILLED CRASH", events.get(0));
        assertTrue(events.get(1).endsWith("10.0.1.1 RESTARTED"), events::toString);
    }

    @Test
    void gracefulAndWipingRebootsPublishTheirEvents() {
        cluster()
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(1)
                        .probCrash(0)
                        .probWipe(1)
                        .build())
                .seeds(9)
                .run()
                .assertPassed();
        assertTrue(events.stream().anyMatch(e -> e.endsWith("SHUTDOWN_BEGUN")), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.endsWith("WIPED")), events::toString);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).endsWith("WIPED")) {
                assertTrue(events.get(i - 1).endsWith("KILLED CRASH_AND_WIPE"), "a wipe follows its kill: " + events);
            }
        }
    }

    @Test
    void anUnknownInjectorNameListsTheDiscoveredOnes() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> cluster().faults("chaos_monkey").seeds(1).run());
        assertTrue(e.getMessage().contains("unknown fault injector 'chaos_monkey'"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "[attrition, greeter, partition_datacenter,"
                                        + " partition_isolate_single, partition_isolate_single_oneway, partition_random, partition_random_oneway,"
                                        + " partition_split, partition_split_oneway, partition_zone, rolling_restart, swizzle]"),
                e.getMessage());
    }

    @Test
    void injectorsAreNamedWithoutBeingBuilt() {
        // no Greeting bound: Guice could not build the greeter, yet it is listed by its name
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .processes(1, () -> ctx -> ctx.time().sleep(Duration.ofHours(1)))
                        .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                        .faults("chaos_monkey")
                        .chaosDuration(Duration.ofSeconds(1))
                        .seeds(1)
                        .run());
        assertEquals(
                List.of("unknown fault injector 'chaos_monkey'; discovered: [attrition, greeter,"
                        + " partition_datacenter, partition_isolate_single, partition_isolate_single_oneway, partition_random,"
                        + " partition_random_oneway, partition_split, partition_split_oneway, partition_zone, rolling_restart, swizzle]."
                        + " Add the module that provides it, or fix the name"),
                e.problems());
    }

    @Test
    void anEnabledInjectorIsBuiltOnlyInTheIterationsAndFailsThereWhenItCannotBe() {
        // validation builds nothing, so the missing binding shows when an iteration builds the greeter
        RunResult r = SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .processes(1, () -> ctx -> ctx.time().sleep(Duration.ofHours(1)))
                .faults("greeter")
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = r.failure().orElseThrow();
        assertEquals("injector " + GreeterInjector.class.getName(), failure.source(), failure::message);
        assertTrue(failure.message().contains("No injectable constructor for type Greeting"), failure::message);
        assertTrue(journal.injections().isEmpty(), journal.injections()::toString);
    }

    @Test
    void aBrokenUserModuleStillFailsValidation() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> cluster()
                        .module(binder -> binder.bind(Greeting.class).toInstance(new Greeting("again")))
                        .faults("greeter")
                        .seeds(1)
                        .run());
        assertEquals(1, e.problems().size(), e::getMessage);
        assertTrue(
                e.problems().getFirst().startsWith("the Guice modules given to .module(...) cannot be used"),
                e::getMessage);
        assertTrue(journal.injections().isEmpty(), journal.injections()::toString);
    }

    // RollingRestart has a plain public constructor, no @Inject: this also proves the runner builds such a class
    @Test
    void rollingRestartRebootsEachProcessInTurnGracefully() {
        RunResult r = SimulationBuilder.create()
                .module(binder -> {
                    binder.bind(Greeting.class).toInstance(new Greeting("hi"));
                    binder.bind(Journal.class).toInstance(journal);
                })
                .processes(3, Counter.class)
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                .faults("rolling_restart")
                .chaosDuration(Duration.ofSeconds(120))
                .seeds(4)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        assertEquals(3, r.reboots(RebootKind.GRACEFUL));
        List<LifecycleEntry> begun = r.lifecycle().stream()
                .filter(e -> e.kind() == LifecycleEntry.Kind.SHUTDOWN_BEGUN)
                .toList();
        List<LifecycleEntry> restarted = r.lifecycle().stream()
                .filter(e -> e.kind() == LifecycleEntry.Kind.RESTARTED)
                .toList();
        assertEquals(3, begun.size(), r.lifecycle()::toString);
        for (int i = 0; i < 3; i++) {
            assertEquals("10.0.1." + (i + 1), begun.get(i).ip().getHostAddress(), begun::toString);
            int at = r.lifecycle().indexOf(begun.get(i));
            int back = r.lifecycle().indexOf(restarted.get(i));
            assertTrue(back > at, "restart before shutdown: " + r.lifecycle());
            if (i + 1 < 3) {
                assertTrue(
                        r.lifecycle().indexOf(begun.get(i + 1)) > back,
                        "the next process went down before the previous came back: " + r.lifecycle());
            }
        }
    }

    @Test
    void aProcessClassWithoutAnInjectConstructorFailsWithGuicesExplanation() {
        RunResult r = SimulationBuilder.create()
                .processes(1, NoInject.class)
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        assertTrue(
                r.failure().orElseThrow().message().contains("NoInject"),
                r.failure().orElseThrow().message());
    }

    /** A process without an {@code @Inject} constructor. */
    public static final class NoInject implements io.moonpool.api.SimProcess {
        /** Not marked {@code @Inject}. */
        public NoInject() {}

        @Override
        public void run(io.moonpool.api.SimContext ctx) {}
    }
}
