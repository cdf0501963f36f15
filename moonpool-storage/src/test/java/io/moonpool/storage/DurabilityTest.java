package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Storage;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** force() is the durability point; crashes keep, lose or tear what came after; wipes and clean stops. */
class DurabilityTest {

    /** Reboots the first process (or all) once, one second in. */
    private static ScriptedInjector rebootAt1s(RebootKind kind, boolean all) {
        return new ScriptedInjector("reboot", ctx -> {
            ctx.time().sleep(Duration.ofSeconds(1));
            for (var ip : all ? ctx.processIps() : ctx.processIps().subList(0, 1)) {
                ctx.reboot(ip, kind);
            }
        });
    }

    /** A process whose first life runs {@code before} and whose second life runs {@code after}. */
    static final class TwoLives implements SimProcess {
        private final Consumer<SimContext> before;
        private final Consumer<SimContext> after;
        // shared by the lives of one simulation, so that a boot knows whether it is its IP's first
        private final Map<String, Integer> lives;

        TwoLives(Consumer<SimContext> before, Consumer<SimContext> after, Map<String, Integer> lives) {
            this.before = before;
            this.after = after;
            this.lives = lives;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            int life = lives.merge(ctx.ip().getHostAddress(), 1, Integer::sum);
            (life == 1 ? before : after).accept(ctx);
            ctx.shutdown().await();
        }
    }

    static RunResult run(
            long seed,
            int processes,
            RebootKind kind,
            boolean all,
            Consumer<SimContext> before,
            Consumer<SimContext> after) {
        return run(StorageConfig.defaults(), seed, processes, kind, all, before, after);
    }

    static RunResult run(
            StorageConfig config,
            long seed,
            int processes,
            RebootKind kind,
            boolean all,
            Consumer<SimContext> before,
            Consumer<SimContext> after) {
        Map<String, Integer> lives = new HashMap<>();
        RunResult r = SimulationBuilder.create()
                .configure(config)
                .processes(processes, () -> new TwoLives(before, after, lives))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(15)))
                .faultInjector(rebootAt1s(kind, all))
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(seed)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        return r;
    }

    interface IoBody {
        void run(Storage disk) throws Exception;
    }

    static Consumer<SimContext> io(IoBody body) {
        return ctx -> {
            try {
                body.run(ctx.storage());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static byte[] filled(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static byte[] readAll(Storage disk, String path) throws Exception {
        try (FileChannel c = disk.open(path, READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) c.size());
            while (b.hasRemaining() && c.read(b) >= 0) {
                // keep reading
            }
            return b.array();
        }
    }

    @Test
    void forcedDataSurvivesACrashAndUnforcedDataIsKeptLostOrTornButNeverInvented() {
        Set<String> outcomes = new HashSet<>();
        List<byte[]> seen = new ArrayList<>();
        for (long seed = 1; seed <= 60; seed++) {
            seen.clear();
            run(
                    seed,
                    1,
                    RebootKind.CRASH,
                    false,
                    io(disk -> {
                        try (FileChannel c = disk.open("log", CREATE, WRITE)) {
                            c.write(ByteBuffer.wrap(filled(4096, 'a')));
                            c.force(true);
                            c.write(ByteBuffer.wrap(filled(4096, 'b')));
                        }
                    }),
                    io(disk -> seen.add(readAll(disk, "log"))));
            byte[] after = seen.getFirst();
            assertTrue(after.length >= 4096, "forced data lost: " + after.length + " bytes left");
            for (int i = 0; i < after.length; i++) {
                assertEquals(i < 4096 ? 'a' : 'b', (char) after[i], "invented byte at " + i + ", seed " + seed);
            }
            assertEquals(0, (after.length - 4096) % 512, "a tear falls on a sector boundary");
            outcomes.add(after.length == 4096 ? "lost" : after.length == 8192 ? "kept" : "torn");
        }
        assertEquals(Set.of("lost", "kept", "torn"), outcomes);
    }

    @Test
    void aSparseFileOf60GiBKeepsItsBytesAndItsSizeAcrossForceAndCrash() {
        long gib = 1L << 30;
        List<String> seen = new ArrayList<>();
        IoBody check = disk -> {
            try (FileChannel c = disk.open("sparse", READ)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                for (long at : new long[] {2 * gib, 30 * gib, 60 * gib}) {
                    one.clear();
                    c.read(one, at);
                    seen.add(at / gib + " GiB: " + one.get(0));
                }
                seen.add("size " + c.size());
            }
        };
        run(
                12,
                1,
                RebootKind.CRASH,
                false,
                io(disk -> {
                    try (FileChannel c = disk.open("sparse", CREATE, WRITE, READ)) {
                        c.write(ByteBuffer.wrap(new byte[] {2}), 2 * gib);
                        c.write(ByteBuffer.wrap(new byte[] {60}), 60 * gib);
                        c.force(true);
                        check.run(disk);
                    }
                }),
                io(check));
        List<String> expected = List.of("2 GiB: 2", "30 GiB: 0", "60 GiB: 60", "size " + (60 * gib + 1));
        assertEquals(expected, seen.subList(0, 4), "before the crash");
        assertEquals(expected, seen.subList(4, 8), "after the crash");
    }

    @Test
    void metadataSurvivesACrashOnlyOnceForcedOrSynced() {
        List<String> seen = new ArrayList<>();
        run(
                3,
                1,
                RebootKind.CRASH,
                false,
                io(disk -> {
                    disk.open("synced", CREATE, WRITE).close();
                    disk.open("deleted-after-sync", CREATE, WRITE).close();
                    disk.open("renamed", CREATE, WRITE).close();
                    disk.sync();
                    disk.open("unsynced", CREATE, WRITE).close();
                    disk.open("forced", CREATE, WRITE).force(true);
                    disk.delete("deleted-after-sync");
                    disk.rename("renamed", "renamed-unsynced");
                }),
                io(disk -> seen.addAll(disk.list())));
        assertEquals(List.of("deleted-after-sync", "forced", "renamed", "synced"), seen);
    }

    @Test
    void crashAndWipeEmptiesOnlyThatIp() {
        Map<String, List<String>> seen = new HashMap<>();
        Consumer<SimContext> writeState = io(disk -> {
            FileChannel c = disk.open("state", CREATE, WRITE);
            c.write(ByteBuffer.wrap(filled(10, 's')));
            c.force(true);
        });
        Consumer<SimContext> listFiles =
                ctx -> seen.put(ctx.ip().getHostAddress(), ctx.storage().list());
        RunResult r = run(5, 2, RebootKind.CRASH_AND_WIPE, false, writeState, listFiles);
        // only 10.0.1.1 was rebooted: its second life sees an empty disk
        assertEquals(Map.of("10.0.1.1", List.of()), seen);
        assertEquals(1, r.reboots(RebootKind.CRASH_AND_WIPE));
        // and 10.0.1.2's disk, never rebooted, still has its file: ask it through a fresh life of its own
        seen.clear();
        Map<String, Integer> lives = new HashMap<>();
        RunResult both = SimulationBuilder.create()
                .processes(2, () -> new TwoLives(writeState, listFiles, lives))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .faultInjector(new ScriptedInjector("wipe-one-then-crash-the-other", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reboot(ctx.processIps().get(0), RebootKind.CRASH_AND_WIPE);
                    ctx.time().sleep(Duration.ofSeconds(12));
                    ctx.reboot(ctx.processIps().get(1), RebootKind.CRASH);
                }))
                .chaosDuration(Duration.ofSeconds(14))
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        both.assertPassed();
        assertEquals(Map.of("10.0.1.1", List.of(), "10.0.1.2", List.of("state")), seen);
    }

    @Test
    void twoProcessesHaveIndependentDisks() {
        Map<String, List<String>> seen = new HashMap<>();
        run(
                6,
                2,
                RebootKind.CRASH,
                true,
                ctx -> io(disk -> {
                            FileChannel c = disk.open("only-" + ctx.ip().getHostAddress(), CREATE, WRITE);
                            c.force(true);
                        })
                        .accept(ctx),
                ctx -> seen.put(ctx.ip().getHostAddress(), ctx.storage().list()));
        assertEquals(Map.of("10.0.1.1", List.of("only-10.0.1.1"), "10.0.1.2", List.of("only-10.0.1.2")), seen);
    }

    @Test
    void phantomWritesAreReportedForcedButGoneAfterTheNextCrash() {
        List<Integer> seen = new ArrayList<>();
        Consumer<SimContext> write = io(disk -> {
            try (FileChannel c = disk.open("log", CREATE, READ, WRITE)) {
                c.write(ByteBuffer.wrap(filled(100, 'p')));
                c.force(true);
                seen.add((int) c.size());
            }
        });
        run(
                StorageConfig.builder().phantomWrites(1).build(),
                8,
                1,
                RebootKind.CRASH,
                false,
                write,
                io(disk -> seen.add(readAll(disk, "log").length)));
        assertEquals(List.of(100, 0), seen, "written and forced, then gone");
        seen.clear();
        run(
                StorageConfig.defaults(),
                8,
                1,
                RebootKind.CRASH,
                false,
                write,
                io(disk -> seen.add(readAll(disk, "log").length)));
        assertEquals(List.of(100, 100), seen);
    }
}
