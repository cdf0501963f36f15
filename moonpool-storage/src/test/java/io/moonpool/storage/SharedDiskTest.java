package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Storage;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.Layout;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Disks and machines, on 2 machines of 2 processes (machine {@code dc1-z1-m1} is 10.0.1.1 and 10.0.1.2,
 * {@code dc1-z1-m2} is 10.0.1.3 and 10.0.1.4): a machine wipe wipes every disk of it; with {@code sharedDisk},
 * the processes of a machine see one disk, which a single process's crash leaves whole and a machine's crash
 * does not.
 */
class SharedDiskTest {

    private static final Layout TWO_MACHINES = Layout.of(1, 1, 2, 2);

    /** What each process saw, by "ip#life what". */
    private final Map<String, Boolean> seen = new TreeMap<>();

    private final Map<String, Integer> lives = new TreeMap<>();

    @FunctionalInterface
    interface Step {
        void run(SimContext ctx, Storage disk, int life) throws Exception;
    }

    private RunResult run(StorageConfig config, long seed, Step step, ScriptedInjector.Script faults) {
        RunResult r = SimulationBuilder.create()
                .buggify(false)
                .configure(config)
                .processes(TWO_MACHINES, () -> ctx -> {
                    int life = lives.merge(ctx.ip().getHostAddress(), 1, Integer::sum);
                    step.run(ctx, ctx.storage(), life);
                    ctx.shutdown().await();
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .faultInjector(new ScriptedInjector("faults", faults))
                .chaosDuration(Duration.ofSeconds(30))
                .seeds(seed)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        return r;
    }

    private static boolean is(SimContext ctx, int host) {
        return ctx.ip().getHostAddress().equals("10.0.1." + host);
    }

    private static InetAddress ip(int host) {
        try {
            return InetAddress.getByName("10.0.1." + host);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a file and writes to it; forced (data and name durable) or not forced at all. */
    private static void write(Storage disk, String path, boolean force) throws Exception {
        try (FileChannel c = disk.open(path, CREATE, WRITE)) {
            c.write(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            if (force) {
                c.force(true);
            }
        }
        if (force) {
            disk.sync();
        }
    }

    private void see(SimContext ctx, int life, String what, boolean value) {
        seen.put(ctx.ip().getHostAddress() + "#" + life + " " + what, value);
    }

    private static final StorageConfig SHARED =
            StorageConfig.builder().sharedDisk(true).build();

    @Test
    void aFileWrittenByOneProcessIsSeenOnItsMachineAndNowhereElse() {
        for (StorageConfig config : new StorageConfig[] {SHARED, StorageConfig.defaults()}) {
            seen.clear();
            lives.clear();
            run(
                    config,
                    1,
                    (ctx, disk, life) -> {
                        if (is(ctx, 1)) {
                            write(disk, "f", false);
                        }
                        ctx.time().sleep(Duration.ofSeconds(1));
                        see(ctx, life, "f", disk.exists("f"));
                    },
                    ctx -> {});
            boolean shared = config.sharedDisk();
            assertEquals(true, seen.get("10.0.1.1#1 f"));
            assertEquals(shared, seen.get("10.0.1.2#1 f"), "the other process of the machine, shared " + shared);
            assertEquals(false, seen.get("10.0.1.3#1 f"), "a process of another machine");
            assertEquals(false, seen.get("10.0.1.4#1 f"));
        }
    }

    @Test
    void aCrashOfOneProcessKeepsTheSharedDisksUnforcedDataAndTheMachinesCrashLosesIt() {
        for (long seed = 1; seed <= 5; seed++) {
            seen.clear();
            lives.clear();
            run(
                    SHARED,
                    seed,
                    (ctx, disk, life) -> {
                        if (is(ctx, 1) && life == 1) {
                            write(disk, "f", false); // neither its data nor its name forced
                            write(disk, "g", false);
                        }
                        if (is(ctx, 2)) {
                            ctx.time().sleep(Duration.ofMillis(1500));
                            see(ctx, life, "f after one process crashed", disk.exists("f"));
                        }
                        if (is(ctx, 1) && life == 2) {
                            see(ctx, life, "f after its own crash", disk.exists("f"));
                            see(ctx, life, "g after its own crash", disk.exists("g"));
                        }
                        if (is(ctx, 3) && life == 2) {
                            see(ctx, life, "f", disk.exists("f"));
                        }
                    },
                    (FaultContext ctx) -> {
                        ctx.time().sleep(Duration.ofSeconds(1));
                        ctx.reboot(ip(1), RebootKind.CRASH); // one process: the machine stays up
                        ctx.time().sleep(Duration.ofSeconds(12)); // .1 is back (recovery at most 10 s)
                        ctx.rebootMachine("dc1-z1-m2", RebootKind.CRASH); // the other machine: nothing of f there
                        ctx.rebootMachine("dc1-z1-m1", RebootKind.CRASH);
                    });
            assertEquals(true, seen.get("10.0.1.2#1 f after one process crashed"), "seed " + seed + ": " + seen);
            assertEquals(true, seen.get("10.0.1.1#2 f after its own crash"), "seed " + seed + ": " + seen);
            assertEquals(true, seen.get("10.0.1.1#2 g after its own crash"), "seed " + seed + ": " + seen);
            // the machine went down as a whole: names never made durable are gone, for both processes
            assertEquals(false, seen.get("10.0.1.2#2 f after one process crashed"), "seed " + seed + ": " + seen);
            assertEquals(false, seen.get("10.0.1.3#2 f"));
        }
    }

    @Test
    void aMachineWipeWipesEveryDiskOfTheMachineAndAnyProcesssWipeTheSharedDisk() {
        run(
                StorageConfig.defaults(),
                1,
                (ctx, disk, life) -> {
                    if (life == 1) {
                        write(disk, "f", true);
                    } else {
                        see(ctx, life, "f", disk.exists("f"));
                    }
                },
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.rebootMachine("dc1-z1-m1", RebootKind.CRASH_AND_WIPE);
                    ctx.rebootMachine("dc1-z1-m2", RebootKind.CRASH);
                });
        assertEquals(false, seen.get("10.0.1.1#2 f"));
        assertEquals(false, seen.get("10.0.1.2#2 f"));
        assertEquals(true, seen.get("10.0.1.3#2 f"), "a forced file survives a crash without a wipe");
        assertEquals(true, seen.get("10.0.1.4#2 f"));

        seen.clear();
        lives.clear();
        run(
                SHARED,
                1,
                (ctx, disk, life) -> {
                    if (is(ctx, 1) && life == 1) {
                        write(disk, "f", true);
                    }
                    if (is(ctx, 2)) {
                        ctx.time().sleep(Duration.ofMillis(1500));
                        see(ctx, life, "f", disk.exists("f"));
                    }
                },
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reboot(ip(1), RebootKind.CRASH_AND_WIPE);
                });
        assertEquals(false, seen.get("10.0.1.2#1 f"), "one process's wipe wipes its machine's shared disk");
    }

    @Test
    void aSharedDiskCannotTakePerIpOverrides() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> StorageConfig.builder()
                        .sharedDisk(true)
                        .forIp(ip(1), StorageConfig.defaults())
                        .build());
        assertTrue(e.getMessage().contains("sharedDisk"), e.getMessage());
        assertEquals(false, StorageConfig.defaults().sharedDisk());
    }
}
