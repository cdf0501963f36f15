package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.ConfigurationException;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import io.moonpool.sim.internal.runner.TimelineFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every iteration records a timeline; a failing seed keeps it, the report prints its end, a replay repeats it. */
class TimelineTest {

    /** Two tasks that take turns on a lock with random sleeps, then a violated assertion so the seed keeps its timeline. */
    static Workload racers(boolean fail) {
        return ctx -> {
            Object lock = new Object();
            int[] counter = {0};
            List<TaskHandle<?>> tasks = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                tasks.add(ctx.tasks().spawn(name, () -> {
                    for (int i = 0; i < 5; i++) {
                        ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 50)));
                        synchronized (lock) {
                            counter[0]++;
                        }
                        Buggify.fire("timeline.test.site");
                    }
                    return null;
                }));
            }
            for (TaskHandle<?> t : tasks) {
                t.join();
            }
            // a timer event, whose class name the entry shows
            try {
                ctx.time().timeout(Duration.ofMillis(5), () -> {
                    ctx.time().sleep(Duration.ofMillis(10));
                    return null;
                });
            } catch (java.util.concurrent.TimeoutException expected) {
                // the deadline fired: that is the event wanted
            }
            Assertions.sometimes(counter[0] == 10, "both finished");
            Assertions.always(!fail, "the seed passes");
        };
    }

    @Test
    void aFailingSeedKeepsItsTimelineAndTheReportPrintsItsLastEntriesUpToTheFailure() {
        SimulationReport report = SimulationBuilder.create()
                .workload(racers(true))
                .timelineShown(5)
                .seeds(3)
                .run();
        List<TimelineEntry> entries = report.timeline(3);
        List<String> whats = entries.stream().map(TimelineEntry::what).toList();
        assertTrue(whats.contains("task spawned"), whats.toString());
        // a step that records nothing else is one entry, such as "task woken, sleeping"
        assertTrue(whats.stream().anyMatch(w -> w.startsWith("task started")), whats.toString());
        assertTrue(whats.stream().anyMatch(w -> w.startsWith("task woken")), whats.toString());
        assertTrue(whats.contains("task woken, sleeping"), whats.toString());
        assertTrue(whats.stream().anyMatch(w -> w.endsWith("blocked")), whats.toString());
        assertTrue(whats.stream().anyMatch(w -> w.endsWith("ended")), whats.toString());
        assertTrue(whats.contains("assertion satisfied"), whats.toString());
        assertTrue(whats.contains("assertion violated"), whats.toString());
        int failedAt = whats.indexOf(TimelineEntry.SEED_FAILED);
        assertTrue(failedAt > 0, whats.toString());
        assertEquals("assertion violated", whats.get(failedAt - 1));
        TimelineEntry spawnedLeft = entries.stream()
                .filter(e -> e.what().equals("task spawned") && e.subject().equals("left"))
                .findFirst()
                .orElseThrow();
        assertEquals("workload.run", spawnedLeft.task());
        assertTrue(spawnedLeft.node().startsWith("10.0.0.1"), spawnedLeft.toString());
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i).time().compareTo(entries.get(i - 1).time()) >= 0, "entries in time order");
        }
        String printed = report.toString();
        assertTrue(printed.contains("timeline, the last 5 entries up to the failure"), printed);
        assertTrue(printed.contains(entries.get(failedAt).toString()), printed);
        assertFalse(printed.contains(entries.get(failedAt - 5).toString()), "only the last 5 are printed");
    }

    @Test
    void aPassingSeedKeepsNoTimeline() {
        SimulationReport report =
                SimulationBuilder.create().workload(racers(false)).seeds(3).run();
        assertTrue(report.passed(), report::toString);
        assertTrue(report.timeline(3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> report.timeline(4));
    }

    @Test
    void replayingASeedGivesTheIdenticalTimelineAloneAndInABatch() {
        List<TimelineEntry> alone = SimulationBuilder.create()
                .workload(racers(true))
                .seeds(11)
                .run()
                .timeline(11);
        List<TimelineEntry> again = SimulationBuilder.create()
                .workload(racers(true))
                .seeds(11)
                .run()
                .timeline(11);
        List<TimelineEntry> inBatch = SimulationBuilder.create()
                .workload(racers(true))
                .seeds(5, 11, 12)
                .run()
                .timeline(11);
        assertTrue(alone.size() > 20, alone.toString());
        assertEquals(alone, again);
        assertEquals(alone, inBatch);
    }

    @Test
    void aReplayInAFreshJvmGivesTheIdenticalTimeline() throws Exception {
        long[] seeds = {11, 12};
        List<String> expected = new ArrayList<>();
        for (long seed : seeds) {
            SimulationBuilder.create()
                    .workload(racers(true))
                    .seeds(seed)
                    .run()
                    .timeline(seed)
                    .forEach(e -> expected.add(e.toString()));
        }
        assertTrue(expected.stream().anyMatch(l -> l.contains("event fired")), "an event: " + expected);
        ForkedJvm.Result forked = ForkedJvm.run(TimelineMain.class, true, List.of("11", "12"));
        assertEquals(0, forked.exitCode(), forked.output());
        List<String> lines = forked.output()
                .lines()
                .filter(l -> l.startsWith(" ") && l.contains("s  "))
                .toList();
        assertEquals(expected, lines);
    }

    @Test
    void theRingIsBoundedAndSaysHowManyEntriesItDropped() {
        List<TimelineEntry> full = SimulationBuilder.create()
                .workload(racers(true))
                .timeline(100_000)
                .seeds(3)
                .run()
                .timeline(3);
        List<TimelineEntry> ring = SimulationBuilder.create()
                .workload(racers(true))
                .timeline(20)
                .seeds(3)
                .run()
                .timeline(3);
        assertEquals(21, ring.size());
        TimelineEntry dropped = ring.getFirst();
        assertEquals(TimelineEntry.DROPPED, dropped.what());
        assertEquals(full.size() - 20, dropped.value());
        assertEquals(full.subList(full.size() - 20, full.size()), ring.subList(1, 21));
    }

    @Test
    void eventNamesAreTheSameInEveryJvmWithoutTheLambdaSuffix() {
        List<TimelineEntry> entries = SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.time().timeout(Duration.ofSeconds(1), () -> {
                        ctx.time().sleep(Duration.ofSeconds(5));
                        return null;
                    });
                    Assertions.unreachable("after the timeout");
                })
                .seeds(1)
                .run()
                .timeline(1);
        assertFalse(entries.isEmpty());
        for (TimelineEntry e : entries) {
            assertFalse(e.subject().contains("0x"), e.toString());
            assertFalse(e.subject().contains("@"), e.toString());
        }
    }

    @Test
    void theTimelineCanBeTurnedOffAndBadSizesAreRejected() {
        SimulationReport off = SimulationBuilder.create()
                .workload(racers(true))
                .timeline(0)
                .seeds(3)
                .run();
        assertFalse(off.passed());
        assertTrue(off.timeline(3).isEmpty());
        assertFalse(off.toString().contains("timeline, the last"));
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(racers(false))
                        .timeline(-1)
                        .timelineShown(-2)
                        .run());
        assertTrue(e.getMessage().contains("timeline(n) needs 0 <= n <= 2097152"), e.getMessage());
        assertTrue(e.getMessage().contains("timelineShown(n) needs n >= 0"), e.getMessage());
        ConfigurationException both = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(racers(false))
                        .timeline(0)
                        .traceAll()
                        .run());
        assertTrue(both.getMessage().contains("traceAll()"), both.getMessage());
    }

    @Test
    void traceAllKeepsAPassingSeedsWholeTimelineAndWritesItToAFile() throws Exception {
        long seed = 424_242L;
        Path file = TimelineFiles.of(seed);
        Files.deleteIfExists(file);
        SimulationReport report = SimulationBuilder.create()
                .workload(racers(false))
                .timeline(10)
                .traceAll()
                .seeds(seed)
                .run();
        assertTrue(report.passed(), report::toString);
        List<TimelineEntry> entries = report.timeline(seed);
        assertTrue(entries.size() > 10, "traceAll keeps more than the ring's size");
        assertFalse(entries.getFirst().what().equals(TimelineEntry.DROPPED));
        List<String> lines = Files.readAllLines(file);
        assertEquals(entries.size() + 1, lines.size());
        assertEquals(entries.getLast().toString(), lines.getLast());

        // the same seed traced again in this JVM goes beside the first file, not over it
        Path second = file.resolveSibling("timeline-" + seed + "-2.txt");
        Files.deleteIfExists(second);
        SimulationBuilder.create()
                .workload(racers(false))
                .traceAll()
                .seeds(seed)
                .run();
        assertEquals(lines, Files.readAllLines(file));
        assertEquals(lines, Files.readAllLines(second), "the same seed, the same timeline");
    }

    @Test
    void whenTheRingWrapsPastTheFailureTheReportStillShowsTheEntriesUpToIt() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    Assertions.always(false, "an early violation");
                    for (int i = 0; i < 200; i++) {
                        ctx.time().sleep(Duration.ofMillis(1)); // goes on long after it: the ring wraps
                    }
                })
                .timeline(50)
                .timelineShown(5)
                .seeds(8)
                .run();
        List<TimelineEntry> entries = report.timeline(8);
        List<String> whats = entries.stream().map(TimelineEntry::what).toList();
        int failedAt = whats.indexOf(TimelineEntry.SEED_FAILED);
        assertEquals(4, failedAt, "the 5 entries up to the failure come first: " + whats);
        assertEquals("assertion violated", whats.get(3));
        assertEquals(TimelineEntry.DROPPED, whats.get(5));
        assertEquals(5 + 1 + 50, entries.size());
        String printed = report.toString();
        assertTrue(printed.contains("timeline, the last 5 entries up to the failure"), printed);
        assertTrue(printed.contains("seed failed  ASSERTION in run"), printed);
    }

    @Test
    void aFailureAfterAViolationIsToldWithTheViolationWhichCameFirst() {
        RunFailure f = SimulationBuilder.create()
                .workload(ctx -> {
                    Assertions.always(false, "checked first");
                    ctx.time().sleep(Duration.ofSeconds(1));
                    throw new IllegalStateException("thrown later");
                })
                .seeds(2)
                .run()
                .runs()
                .getFirst()
                .failure()
                .orElseThrow();
        assertEquals(io.moonpool.api.FailureKind.ASSERTION, f.kind());
        assertEquals(Duration.ZERO, f.simTime());
        assertTrue(f.message().contains("'checked first'"), f.message());
        assertTrue(f.message().contains("after it, at simulated time PT1S: EXCEPTION in run"), f.message());
        assertTrue(f.exception().orElseThrow() instanceof IllegalStateException);
    }

    @Test
    void namesTheJvmMakesUpPerLaunchAreLeftOut() {
        assertEquals(
                "Pipe$$Lambda",
                io.moonpool.sim.internal.runner.TimelineNames.simple(
                        "io.moonpool.net.internal.Pipe$$Lambda/0x7f001234"));
        assertEquals("$Proxy", io.moonpool.sim.internal.runner.TimelineNames.simple("jdk.proxy2.$Proxy17"));
        assertEquals(
                "Service$$EnhancerByGuice",
                io.moonpool.sim.internal.runner.TimelineNames.simple("a.b.Service$$EnhancerByGuice$$12ab"));
        assertEquals(
                "Repo$ByteBuddy", io.moonpool.sim.internal.runner.TimelineNames.simple("a.Repo$ByteBuddy$mock$Xy12"));
        assertEquals("Disk$Crash", io.moonpool.sim.internal.runner.TimelineNames.simple("a.b.Disk$Crash"));
    }
}
