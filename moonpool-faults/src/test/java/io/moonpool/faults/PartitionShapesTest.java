package io.moonpool.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.sim.SimulationBuilder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partition injectors cut the groups they promise: a minority from the rest, one node from the rest. */
class PartitionShapesTest {

    private record Cut(InetAddress a, InetAddress b, Duration d) {}

    /** Runs an injector on 5 idle processes, recording its partitions grouped by the instant they were made. */
    private static List<List<Cut>> cutsOf(FaultInjector injector, long seed) {
        return callsOf(injector, seed, "partition");
    }

    /**
     * Runs an injector on 5 idle processes, recording its calls of one {@code FaultContext} method with the
     * arguments (a, b, duration), grouped by the instant they were made; any other cut fails the test.
     */
    private static List<List<Cut>> callsOf(FaultInjector injector, long seed, String recorded) {
        Map<Long, List<Cut>> rounds = new LinkedHashMap<>();
        FaultInjector recording = new FaultInjector() {
            @Override
            public String name() {
                return injector.name();
            }

            @Override
            public void inject(FaultContext ctx) throws Exception {
                FaultContext spy = (FaultContext) Proxy.newProxyInstance(
                        FaultContext.class.getClassLoader(),
                        new Class<?>[] {FaultContext.class},
                        (proxy, method, args) -> {
                            String name = method.getName();
                            if (!name.equals(recorded)
                                    && List.of("partition", "cut", "isolate", "isolateSend", "isolateReceive")
                                            .contains(name)) {
                                throw new AssertionError(injector.name() + " called " + name);
                            }
                            if (name.equals(recorded)) {
                                rounds.computeIfAbsent(ctx.time().nanoTime(), t -> new ArrayList<>())
                                        .add(new Cut((InetAddress) args[0], (InetAddress) args[1], (Duration) args[2]));
                            }
                            try {
                                return method.invoke(ctx, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
                injector.inject(spy);
            }
        };
        SimulationBuilder.create()
                .processes(5, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                .faultInjector(recording)
                .chaosDuration(Duration.ofSeconds(60))
                .seeds(seed)
                .run()
                .assertPassed();
        return new ArrayList<>(rounds.values());
    }

    /** Checks that one round's cuts are every pair across two groups that together are all processes. */
    private static int sideOf(List<Cut> round) {
        Set<InetAddress> side = new HashSet<>();
        Set<InetAddress> rest = new HashSet<>();
        for (Cut c : round) {
            side.add(c.a());
            rest.add(c.b());
            assertEquals(round.getFirst().d(), c.d(), "one duration per round");
        }
        assertFalse(side.stream().anyMatch(rest::contains), "the groups overlap: " + round);
        assertEquals(5, side.size() + rest.size(), "every process is on one side: " + round);
        assertEquals(side.size() * rest.size(), round.size(), "every pair across is cut once: " + round);
        return side.size();
    }

    @Test
    void partitionSplitCutsARandomMinorityFromTheRest() {
        Set<Integer> sizes = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            List<List<Cut>> rounds = cutsOf(new PartitionSplit(), seed);
            assertTrue(rounds.size() >= 3, "rounds: " + rounds.size());
            for (List<Cut> round : rounds) {
                int side = sideOf(round);
                assertTrue(side == 1 || side == 2, "a minority of 5 is 1 or 2, was " + side);
                sizes.add(side);
            }
        }
        assertEquals(Set.of(1, 2), sizes, "both minority sizes occur");
    }

    @Test
    void partitionIsolateSingleCutsOneProcessFromAllOthers() {
        Set<InetAddress> isolated = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            for (List<Cut> round : cutsOf(new PartitionIsolateSingle(), seed)) {
                assertEquals(1, sideOf(round));
                isolated.add(round.getFirst().a());
            }
        }
        assertTrue(isolated.size() >= 3, "the isolated process varies: " + isolated);
    }

    @Test
    void partitionSplitOneWayCutsEveryPairAcrossAMinorityInOneDirectionDrawnPerRound() {
        Set<String> shapes = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            List<List<Cut>> rounds = callsOf(new PartitionSplitOneWay(), seed, "cut");
            assertTrue(rounds.size() >= 3, "rounds: " + rounds.size());
            for (List<Cut> round : rounds) {
                int senders = sideOf(round); // every cut of a round goes from one group to the other
                int minority = Math.min(senders, 5 - senders);
                assertTrue(minority == 1 || minority == 2, "a minority of 5 is 1 or 2, was " + minority);
                shapes.add((senders == minority ? "minority sends" : "rest sends") + " " + minority);
            }
        }
        assertEquals(
                Set.of("minority sends 1", "minority sends 2", "rest sends 1", "rest sends 2"),
                shapes,
                "both sizes, both directions");
    }

    @Test
    void partitionIsolateSingleOneWayCutsOneProcessFromAllOthersInOneDirection() {
        Set<String> shapes = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            for (List<Cut> round : callsOf(new PartitionIsolateSingleOneWay(), seed, "cut")) {
                int senders = sideOf(round);
                assertTrue(senders == 1 || senders == 4, "one process against the other four: " + round);
                shapes.add(senders == 1 ? "it does not reach them" : "they do not reach it");
            }
        }
        assertEquals(2, shapes.size(), "both directions occur: " + shapes);
    }

    @Test
    void partitionRandomOneWayCutsOneDirectionOfOnePairAtATime() {
        Set<InetAddress> senders = new HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            List<List<Cut>> rounds = callsOf(new PartitionRandomOneWay(), seed, "cut");
            assertTrue(rounds.size() >= 3, "rounds: " + rounds.size());
            for (List<Cut> round : rounds) {
                assertEquals(1, round.size());
                assertFalse(round.getFirst().a().equals(round.getFirst().b()));
                senders.add(round.getFirst().a());
            }
        }
        assertTrue(senders.size() >= 3, "the sender varies: " + senders);
    }
}
