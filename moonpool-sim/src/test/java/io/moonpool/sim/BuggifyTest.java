package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Buggify;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buggify: activation fixed per seed, rates as configured, off means off, sites independent. */
class BuggifyTest {

    private static long[] seeds(int n) {
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = i + 1;
        }
        return seeds;
    }

    /** Calls a site 100 times per seed and records the firings of each seed. */
    private static List<List<Boolean>> firings(String site, boolean on, long... seeds) {
        List<List<Boolean>> all = new ArrayList<>();
        SimulationBuilder.create()
                .workload(ctx -> {
                    List<Boolean> mine = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        mine.add(Buggify.fire(site));
                    }
                    all.add(mine);
                })
                .buggify(on)
                .seeds(seeds)
                .run()
                .assertPassed();
        return all;
    }

    @Test
    void aSitesActivationAndFiringsAreFixedPerSeed() {
        assertEquals(firings("a", true, seeds(20)), firings("a", true, seeds(20)));
    }

    @Test
    void activationAndFiringRatesAreCloseToTheConfiguredOnes() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    for (int i = 0; i < 100; i++) {
                        Buggify.fire("rates");
                    }
                })
                .seeds(seeds(400))
                .run();
        BuggifySite site = report.buggifySites().getFirst();
        double activation = site.seedsActive().size() / 400.0;
        assertTrue(activation > 0.18 && activation < 0.32, "activation " + activation);
        double firing = (double) site.fired() / (site.seedsActive().size() * 100.0);
        assertTrue(firing > 0.22 && firing < 0.28, "firing " + firing);
        assertEquals(40_000, site.calls());
        assertTrue(report.toString().contains("buggify sites"), report::toString);
    }

    @Test
    void offMeansOffAndOutsideASimulationNothingFires() {
        assertTrue(
                firings("off", false, seeds(50)).stream().flatMap(List::stream).noneMatch(b -> b));
        assertFalse(Buggify.fire("outside", 1.0));
        assertFalse(Buggify.enabled());
    }

    @Test
    void aSiteAddedInUserCodeChangesNoOtherDecision() {
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        for (List<Long> out : List.of(without, with)) {
            boolean extraSite = out == with;
            SimulationBuilder.create()
                    .workload(ctx -> {
                        for (int i = 0; i < 50; i++) {
                            if (extraSite) {
                                Buggify.fire("new site");
                            }
                            out.add(Buggify.fire("old site") ? 1L : 0L);
                            out.add(ctx.random().nextLong());
                        }
                    })
                    .seeds(seeds(10))
                    .run()
                    .assertPassed();
        }
        assertEquals(without, with, "the old site's firings and the simulation's random stream moved");
    }

    @Test
    void swarmSwitchesEachOperationOncePerSeedKeepsOneOnAndIsCountedInTheReport() {
        List<String> mixes = new ArrayList<>();
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    StringBuilder mix = new StringBuilder();
                    for (int round = 0; round < 3; round++) {
                        for (String op : List.of("read", "write", "delete")) {
                            boolean on = io.moonpool.api.Swarm.enabled(op);
                            if (round == 0) {
                                mix.append(on ? op.charAt(0) : '-');
                            } else {
                                assertEquals(
                                        mix.charAt(List.of("read", "write", "delete")
                                                        .indexOf(op))
                                                != '-',
                                        on,
                                        "an operation changed its mind within a seed");
                            }
                        }
                    }
                    mixes.add(mix.toString());
                })
                .seeds(seeds(100))
                .run();
        report.assertPassed();
        assertTrue(mixes.stream().noneMatch(m -> m.equals("---")), "a seed with every operation off: " + mixes);
        assertTrue(mixes.stream().distinct().count() >= 4, "too few mixes: " + mixes);
        assertEquals(3, report.swarmOperations().size());
        SwarmOperation delete = report.swarmOperations().get(2);
        assertEquals(100, delete.seeds());
        assertTrue(delete.seedsOn() > 20 && delete.seedsOn() < 80, "delete on in " + delete.seedsOn() + " seeds");
        assertTrue(io.moonpool.api.Swarm.enabled("outside"), "outside a simulation every operation is on");
    }

    @Test
    void lateWakeUpsHappenDuringTheRunPhaseAndNeverInSetupOrCheck() {
        List<Long> quiet = new ArrayList<>();
        List<Long> chaotic = new ArrayList<>();
        SimulationBuilder.create()
                .workload(new io.moonpool.api.Workload() {
                    private long sleep100(io.moonpool.api.SimContext ctx) throws InterruptedException {
                        long start = ctx.time().nanoTime();
                        for (int i = 0; i < 100; i++) {
                            ctx.time().sleep(java.time.Duration.ofMillis(1));
                        }
                        return ctx.time().nanoTime() - start;
                    }

                    @Override
                    public void setup(io.moonpool.api.SimContext ctx) throws Exception {
                        quiet.add(sleep100(ctx));
                    }

                    @Override
                    public void run(io.moonpool.api.SimContext ctx) throws Exception {
                        chaotic.add(sleep100(ctx));
                    }

                    @Override
                    public void check(io.moonpool.api.SimContext ctx) throws Exception {
                        quiet.add(sleep100(ctx));
                    }
                })
                .chaosDuration(java.time.Duration.ofHours(1))
                .iterations(20)
                .baseSeed(5)
                .run()
                .assertPassed();
        assertTrue(quiet.stream().allMatch(t -> t == 100_000_000L), quiet.toString());
        assertTrue(chaotic.stream().anyMatch(t -> t > 100_000_000L), "no seed woke late: " + chaotic);
    }
}
