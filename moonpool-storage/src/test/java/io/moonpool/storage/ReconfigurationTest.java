package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.sim.Reproduction;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.TimelineEntry;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code FaultContext.reconfigure} with a {@link StorageConfig}: one disk is slow for a window of the chaos phase,
 * the others are not, and the change and its end are in the timeline.
 */
class ReconfigurationTest {

    private static final long DEFAULT_WRITE = 20_000; // StorageConfig's default write latency, in ns
    private static final long SLOW_WRITE = 100_000_000;
    private static final Duration WINDOW = Duration.ofSeconds(60);

    /** The first workload's disk, the one the injectors reconfigure. */
    private static final InetAddress SLOWED = ip("10.0.0.1");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static StorageConfig slowWrites(long nanos) {
        return StorageConfig.builder()
                .writeLatency(Duration.ofNanos(nanos), Duration.ofNanos(nanos))
                .build();
    }

    /** A write of one byte every 500 ms for {@code seconds}: when each began, and how long it took. */
    static final class TimedWrites implements Workload {
        private final String name;
        private final int seconds;
        final List<long[]> writes = new ArrayList<>();

        TimedWrites(String name, int seconds) {
            this.name = name;
            this.seconds = seconds;
        }

        @Override
        public void setup(SimContext ctx) {
            writes.clear();
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            FileChannel c = ctx.storage().open("log", CREATE, WRITE);
            long end = ctx.time().nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (ctx.time().nanoTime() < end) {
                long t0 = ctx.time().nanoTime();
                c.write(ByteBuffer.allocate(1));
                writes.add(new long[] {t0, ctx.time().nanoTime() - t0});
                ctx.time().sleep(Duration.ofMillis(500));
            }
        }

        @Override
        public String name() {
            return name;
        }

        /** How many writes took {@code nanos}, among those that began in [from, to). */
        long took(long nanos, long from, long to) {
            return writes.stream()
                    .filter(w -> w[0] >= from && w[0] < to && w[1] == nanos)
                    .count();
        }

        /** How many writes began in [from, to). */
        long began(long from, long to) {
            return writes.stream().filter(w -> w[0] >= from && w[0] < to).count();
        }
    }

    /** An injector that waits {@code after}, then runs {@code then}; it records the instant it ran. */
    private static final class At {
        long instant = -1;

        ScriptedInjector injector(Duration after, ScriptedInjector.Script then) {
            return new ScriptedInjector("reconfigure", ctx -> {
                ctx.time().sleep(after);
                instant = ctx.time().nanoTime();
                then.run(ctx);
            });
        }
    }

    private static SimulationBuilder twoDisks(TimedWrites a, TimedWrites b, ScriptedInjector injector) {
        return SimulationBuilder.create()
                .workload(a)
                .workload(b)
                .faultInjector(injector)
                .chaosDuration(Duration.ofSeconds(120))
                .buggify(false);
    }

    @Test
    void aSlowDiskForAMinuteSlowsItsWritesInTheWindowOnlyAndNoOtherDisk() {
        for (long seed = 1; seed <= 5; seed++) {
            TimedWrites a = new TimedWrites("a", 100);
            TimedWrites b = new TimedWrites("b", 100);
            At at = new At();
            twoDisks(
                            a,
                            b,
                            at.injector(
                                    Duration.ofSeconds(10),
                                    ctx -> ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), WINDOW)))
                    .seeds(seed)
                    .run()
                    .assertPassed();
            long from = at.instant;
            long to = from + WINDOW.toNanos();
            assertEquals(Duration.ofSeconds(10).toNanos(), from);
            // every write is one or the other, as it began before, in or after the window
            assertEquals(a.began(0, from), a.took(DEFAULT_WRITE, 0, from), "before the window");
            assertEquals(a.began(from, to), a.took(SLOW_WRITE, from, to), "in the window");
            assertEquals(a.began(to, Long.MAX_VALUE), a.took(DEFAULT_WRITE, to, Long.MAX_VALUE), "after the window");
            assertTrue(a.began(from, to) >= 90, "about one write per 600 ms in the window: " + a.began(from, to));
            assertTrue(a.began(to, Long.MAX_VALUE) >= 50, "writes after the window: " + a.began(to, Long.MAX_VALUE));
            assertEquals(b.writes.size(), b.took(DEFAULT_WRITE, 0, Long.MAX_VALUE), "the other disk is unchanged");
        }
    }

    @Test
    void aWriteUnderWayWhenTheDiskIsReconfiguredFinishesAsItStarted() {
        List<Long> took = new ArrayList<>();
        SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(1));
                    // a metadata write under the first reconfiguration: 1 ms to 101 ms
                    FileChannel c = ctx.storage().open("log", CREATE, WRITE);
                    for (int i = 0; i < 2; i++) {
                        long t0 = ctx.time().nanoTime();
                        c.write(ByteBuffer.allocate(1));
                        took.add(ctx.time().nanoTime() - t0);
                    }
                })
                .faultInjector(new ScriptedInjector("reconfigure", ctx -> {
                    ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), Duration.ofSeconds(10));
                    // the first write is under way from 101 ms to 201 ms
                    ctx.time().sleep(Duration.ofMillis(150));
                    ctx.reconfigure(SLOWED, slowWrites(2 * SLOW_WRITE), Duration.ofSeconds(10));
                }))
                .chaosDuration(Duration.ofSeconds(20))
                .buggify(false)
                .seeds(1, 2, 3)
                .run()
                .assertPassed();
        // the last seed's writes
        assertEquals(
                List.of(SLOW_WRITE, 2 * SLOW_WRITE),
                took.subList(took.size() - 2, took.size()),
                "the write under way at the second call kept its latency; the next took the new one");
        assertEquals(6, took.size());
    }

    @Test
    void aWriteUnderWayKeepsTheFaultsOfTheConfigurationItArrivedWith() {
        byte[] pattern = new byte[64];
        java.util.Arrays.fill(pattern, (byte) 0x5A);
        List<Boolean> intact = new ArrayList<>();
        SimulationBuilder.create()
                .workload(ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE, java.nio.file.StandardOpenOption.READ);
                    ctx.time().sleep(Duration.ofNanos(1_000_000 - ctx.time().nanoTime()));
                    // under way from 1 ms to 1 ms + 20 µs, while the disk is reconfigured at 1 ms + 10 µs
                    c.write(ByteBuffer.wrap(pattern), 0);
                    c.write(ByteBuffer.wrap(pattern), 64);
                    for (int at : new int[] {0, 64}) {
                        ByteBuffer back = ByteBuffer.allocate(64);
                        c.read(back, at);
                        intact.add(java.util.Arrays.equals(pattern, back.array()));
                    }
                })
                .faultInjector(new ScriptedInjector("corrupt", ctx -> {
                    ctx.time().sleep(Duration.ofNanos(1_010_000 - ctx.time().nanoTime()));
                    ctx.reconfigure(
                            SLOWED, StorageConfig.builder().corruption(0, 1).build(), Duration.ofSeconds(10));
                }))
                .chaosDuration(Duration.ofSeconds(20))
                .buggify(false)
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(List.of(true, false), intact, "the write under way is intact; the next one is corrupted");
    }

    @Test
    void theTimelineShowsTheReconfigurationAndItsEndAndTheReportCountsIt() {
        TimedWrites a = new TimedWrites("a", 100);
        TimedWrites b = new TimedWrites("b", 100);
        At at = new At();
        RunResult run = twoDisks(
                        a,
                        b,
                        at.injector(
                                Duration.ofSeconds(10), ctx -> ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), WINDOW)))
                .traceAll()
                .seeds(7)
                .run()
                .runs()
                .getFirst();
        run.assertPassed();
        List<TimelineEntry> made = entries(run, "reconfigured");
        assertEquals(1, made.size(), made::toString);
        assertEquals("10.0.0.1 storage", made.getFirst().subject());
        assertEquals(WINDOW.toNanos(), made.getFirst().value());
        assertEquals(Duration.ofSeconds(10), made.getFirst().time());
        assertTrue(
                made.getFirst().task().contains("reconfigure"), made.getFirst().task());
        List<TimelineEntry> ended = entries(run, "reconfiguration ended");
        assertEquals(1, ended.size(), ended::toString);
        assertEquals("10.0.0.1 storage", ended.getFirst().subject());
        assertEquals(Duration.ofSeconds(70), ended.getFirst().time());
        assertEquals(1L, run.faults().get("reconfigured"), run.faults()::toString);
    }

    private static List<TimelineEntry> entries(RunResult run, String what) {
        return run.timeline().stream().filter(e -> e.what().equals(what)).toList();
    }

    @Test
    void theEndOfChaosRestoresTheDiskHoweverLongTheReconfigurationWasToLast() {
        TimedWrites a = new TimedWrites("a", 60);
        TimedWrites b = new TimedWrites("b", 60);
        At at = new At();
        RunResult run = SimulationBuilder.create()
                .workload(a)
                .workload(b)
                .faultInjector(at.injector(
                        Duration.ofSeconds(5),
                        ctx -> ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), Duration.ofDays(1))))
                .chaosDuration(Duration.ofSeconds(30))
                .buggify(false)
                .traceAll()
                .seeds(3)
                .run()
                .runs()
                .getFirst();
        run.assertPassed();
        long chaosEnd = Duration.ofSeconds(30).toNanos();
        assertEquals(a.began(at.instant, chaosEnd), a.took(SLOW_WRITE, at.instant, chaosEnd));
        assertTrue(a.began(at.instant, chaosEnd) > 0);
        long after = a.began(chaosEnd, Long.MAX_VALUE);
        assertTrue(after >= 40, "writes after chaos: " + after);
        assertEquals(after, a.took(DEFAULT_WRITE, chaosEnd, Long.MAX_VALUE), "back to the configured latency");
        List<TimelineEntry> ended = entries(run, "reconfiguration ended");
        assertEquals(1, ended.size(), ended::toString);
        assertEquals(Duration.ofSeconds(30), ended.getFirst().time());
    }

    @Test
    void aReconfigurationAskedForAfterChaosDoesNothing() {
        TimedWrites a = new TimedWrites("a", 40);
        TimedWrites b = new TimedWrites("b", 40);
        RunResult run = SimulationBuilder.create()
                .workload(a)
                .workload(b)
                .faultInjector(new ScriptedInjector("late", ctx -> {
                    ctx.chaosShutdown().await();
                    ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), WINDOW);
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .buggify(false)
                .traceAll()
                .seeds(4)
                .run()
                .runs()
                .getFirst();
        run.assertPassed();
        assertEquals(a.writes.size(), a.took(DEFAULT_WRITE, 0, Long.MAX_VALUE));
        assertTrue(entries(run, "reconfigured").isEmpty());
        assertFalse(run.faults().containsKey("reconfigured"));
    }

    @Test
    void aSecondReconfigurationReplacesTheFirstWithItsOwnDuration() {
        TimedWrites a = new TimedWrites("a", 100);
        TimedWrites b = new TimedWrites("b", 100);
        RunResult run = twoDisks(a, b, new ScriptedInjector("twice", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(10));
                    ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), WINDOW);
                    ctx.time().sleep(Duration.ofSeconds(10));
                    ctx.reconfigure(SLOWED, slowWrites(5_000_000), Duration.ofSeconds(10));
                }))
                .traceAll()
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        run.assertPassed();
        long s = 1_000_000_000L;
        assertEquals(a.began(10 * s, 20 * s), a.took(SLOW_WRITE, 10 * s, 20 * s));
        assertEquals(a.began(20 * s, 30 * s), a.took(5_000_000, 20 * s, 30 * s));
        assertTrue(a.began(20 * s, 30 * s) > 0);
        assertEquals(a.began(30 * s, Long.MAX_VALUE), a.took(DEFAULT_WRITE, 30 * s, Long.MAX_VALUE));
        List<TimelineEntry> ended = entries(run, "reconfiguration ended");
        assertEquals(1, ended.size(), "the replaced one's end undoes nothing: " + ended);
        assertEquals(Duration.ofSeconds(30), ended.getFirst().time());
        assertEquals(2, entries(run, "reconfigured").size());
    }

    @Test
    void aReconfigurationWithAChaosModeOrPerIpOverridesIsRefusedNamingTheFix() {
        List<String> messages = new ArrayList<>();
        SimulationBuilder.create()
                .workload(new TimedWrites("a", 1))
                .faultInjector(new ScriptedInjector("sloppy", ctx -> {
                    messages.add(refused(
                            ctx, StorageConfig.builder().chaos(ChaosMode.RANDOM).build()));
                    messages.add(refused(
                            ctx,
                            StorageConfig.builder()
                                    .forIp(SLOWED, StorageConfig.defaults())
                                    .build()));
                }))
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(2, messages.size());
        assertTrue(messages.get(0).contains("chaos(ChaosMode.OFF)"), messages.get(0));
        assertTrue(messages.get(1).contains("forIp"), messages.get(1));
    }

    private static String refused(FaultContext ctx, StorageConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> ctx.reconfigure(SLOWED, config, WINDOW))
                .getMessage();
    }

    @Test
    void aFailingSeedWithAReconfigurationReplaysIdentically() {
        // the workload fails when a write takes more than 50 ms: only the reconfigured window makes one
        SimulationReport report = SimulationBuilder.create()
                .workload(new Workload() {
                    @Override
                    public void run(SimContext ctx) throws Exception {
                        FileChannel c = ctx.storage().open("log", CREATE, WRITE);
                        for (int i = 0; i < 100; i++) {
                            long t0 = ctx.time().nanoTime();
                            c.write(ByteBuffer.allocate(1 + ctx.random().nextInt(100)));
                            if (ctx.time().nanoTime() - t0 > 50_000_000) {
                                throw new AssertionError("a write took more than 50 ms");
                            }
                            ctx.time()
                                    .sleep(Duration.ofMillis(100 + ctx.random().nextInt(100)));
                        }
                    }
                })
                .faultInjector(new ScriptedInjector("reconfigure", ctx -> {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(5_000)));
                    ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), Duration.ofSeconds(1));
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(11, 12)
                .run();
        assertEquals(List.of(11L, 12L), report.failedSeeds());
        for (Reproduction r : report.reproductions()) {
            assertEquals(Reproduction.Status.REPRODUCED, r.status(), r.divergence());
        }
        assertEquals(2, report.reproductions().size());
    }

    @Test
    void theSameSeedWithAReconfigurationGivesTheSameTraceAndTimeline() {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            At at = new At();
            runs.add(SimulationBuilder.create()
                    .workload(new TimedWrites("a", 30))
                    .workload(new TimedWrites("b", 30))
                    .faultInjector(at.injector(
                            Duration.ofSeconds(3), ctx -> ctx.reconfigure(SLOWED, slowWrites(SLOW_WRITE), WINDOW)))
                    .chaosDuration(Duration.ofSeconds(20))
                    .traceAll()
                    .seeds(9)
                    .run()
                    .runs()
                    .getFirst());
        }
        assertEquals(runs.get(0).traceHash(), runs.get(1).traceHash());
        assertEquals(runs.get(0).timeline(), runs.get(1).timeline());
    }

    @Test
    void seedsThatReconfigureAtRandomInstantsPassTheDeterminismCheck() {
        SimulationBuilder.create()
                .workload(new TimedWrites("a", 20))
                .workload(new TimedWrites("b", 20))
                .configure(StorageConfig.builder()
                        .writeLatency(Duration.ofNanos(10_000), Duration.ofMillis(2))
                        .stalls(0.01, Duration.ofMillis(10), Duration.ofMillis(200))
                        .build())
                .faultInjector(new ScriptedInjector("reconfigure", ctx -> {
                    while (!ctx.chaosShutdown().isRequested()) {
                        ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(100, 2_000)));
                        InetAddress disk = ip("10.0.0." + (1 + ctx.random().nextInt(2)));
                        long slow = ctx.random().nextLong(1_000_000, 200_000_000);
                        ctx.reconfigure(
                                disk,
                                StorageConfig.builder()
                                        .writeLatency(Duration.ofNanos(slow / 2), Duration.ofNanos(slow))
                                        .throttles(0.05, Duration.ofMillis(100), Duration.ofSeconds(1), 4)
                                        .build(),
                                Duration.ofMillis(ctx.random().nextInt(0, 3_000)));
                    }
                }))
                .chaosDuration(Duration.ofSeconds(15))
                .checkDeterminism()
                .iterations(8)
                .baseSeed(77)
                .run()
                .assertPassed();
    }
}
