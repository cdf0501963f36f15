package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each storage fault family, switched on alone, has its observable effect, and none when off. */
class StorageFaultsTest {

    private static final byte[] PATTERN = new byte[4096];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) (i * 31 + i / 256);
        }
    }

    private static void run(StorageConfig config, Workload w) {
        SimulationBuilder.create()
                .configure(config)
                .workload(w)
                .seeds(21, 22, 23)
                .run()
                .assertPassed();
    }

    /** Writes the pattern, then reads it back at the same offset: what came back. */
    private static byte[] roundTrip(SimContext ctx) throws IOException {
        FileChannel c = ctx.storage().open("f", CREATE, READ, WRITE);
        c.write(ByteBuffer.wrap(new byte[4096]), 0);
        c.write(ByteBuffer.wrap(PATTERN), 4096);
        ByteBuffer back = ByteBuffer.allocate(PATTERN.length);
        c.read(back, 4096);
        return back.array();
    }

    @Test
    void nothingIsDamagedWithEveryFaultOff() {
        run(StorageConfig.defaults(), ctx -> assertArrayEquals(PATTERN, roundTrip(ctx)));
    }

    @Test
    void readAndWriteCorruptionFlipABit() {
        for (StorageConfig c : List.of(
                StorageConfig.builder().corruption(1, 0).build(),
                StorageConfig.builder().corruption(0, 1).build())) {
            run(c, ctx -> {
                byte[] got = roundTrip(ctx);
                int flipped = 0;
                for (int i = 0; i < got.length; i++) {
                    flipped += Integer.bitCount((got[i] ^ PATTERN[i]) & 0xFF);
                }
                assertEquals(1, flipped);
            });
        }
    }

    @Test
    void misdirectedIoTouchesAnotherOffset() {
        for (StorageConfig c : List.of(
                StorageConfig.builder().misdirection(1, 0).build(),
                StorageConfig.builder().misdirection(0, 1).build())) {
            run(c, ctx -> assertFalse(Arrays.equals(PATTERN, roundTrip(ctx)), "the pattern came back intact"));
        }
    }

    @Test
    void syncFailuresThrowFromForce() {
        run(StorageConfig.builder().syncFailures(1).build(), ctx -> {
            FileChannel c = ctx.storage().open("f", CREATE, WRITE);
            IOException e = assertThrows(IOException.class, () -> c.force(true));
            assertTrue(e.getMessage().contains("fsync"), e.getMessage());
            assertThrows(IOException.class, () -> ctx.storage().sync());
        });
    }

    @Test
    void stallsFreezeTheDiskAndThrottlesSlowItDown() {
        run(
                StorageConfig.builder()
                        .stalls(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .build(),
                ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE);
                    long t0 = ctx.time().nanoTime();
                    c.write(ByteBuffer.allocate(1));
                    assertTrue(ctx.time().nanoTime() - t0 >= 1_000_000_000L);
                });
        run(
                StorageConfig.builder()
                        .throttles(1, Duration.ofSeconds(5), Duration.ofSeconds(5), 10)
                        .build(),
                ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE);
                    long t0 = ctx.time().nanoTime();
                    c.write(ByteBuffer.allocate(1));
                    assertEquals(200_000, ctx.time().nanoTime() - t0, "20 us latency, ten times slower");
                });
    }

    /**
     * After an opening write, starts {@code writers} tasks at the same instant, each making one 1-byte write,
     * and returns how long each took, sorted, with what {@code ctx.random()} gives next.
     */
    private static List<Long> concurrentWrites(StorageConfig config, int writers) {
        List<Long> seen = new ArrayList<>();
        SimulationBuilder.create()
                .configure(config)
                .workload(ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE);
                    long t0 = ctx.time().nanoTime();
                    List<io.moonpool.api.TaskHandle<Long>> tasks = new ArrayList<>();
                    for (int i = 0; i < writers; i++) {
                        tasks.add(ctx.tasks().spawn("writer-" + i, () -> {
                            c.write(ByteBuffer.allocate(1), 0);
                            return ctx.time().nanoTime() - t0;
                        }));
                    }
                    for (var t : tasks) {
                        seen.add(t.join());
                    }
                    seen.sort(null);
                    seen.add(ctx.random().nextLong());
                })
                .seeds(24)
                .run()
                .assertPassed();
        return seen;
    }

    @Test
    void concurrentOperationsDuringOneStallWaitForItsEndOnlyOnce() {
        // every operation arriving with no stall in progress starts a 10 s one; the second writer arrives during it
        StorageConfig stalls = StorageConfig.builder()
                .stalls(1, Duration.ofSeconds(10), Duration.ofSeconds(10))
                .build();
        List<Long> took = concurrentWrites(stalls, 2);
        assertEquals(
                List.of(10_000_020_000L, 10_000_040_000L),
                took.subList(0, 2),
                "one 10 s stall, then the two writes of 20 us one after the other");
    }

    @Test
    void aThrottleSlowsOnlyTheServiceInsideItsWindow() {
        // a 5 ms window where service is ten times slower, 1 ms per write
        StorageConfig throttles = StorageConfig.builder()
                .writeLatency(Duration.ofMillis(1), Duration.ofMillis(1))
                .throttles(1, Duration.ofMillis(5), Duration.ofMillis(5), 10)
                .build();
        List<Long> took = concurrentWrites(throttles, 3);
        // the first write runs at a tenth of the pace for 5 ms (half its work), then the other half takes
        // 0.5 ms; the two queued behind it start after the window and take 1 ms each
        assertEquals(List.of(5_500_000L, 6_500_000L, 7_500_000L), took.subList(0, 3));
    }

    @Test
    void operationsArrivingDuringAnEpisodeDrawNothing() {
        StorageConfig episodes = StorageConfig.builder()
                .stalls(1, Duration.ofSeconds(10), Duration.ofSeconds(10))
                .throttles(1, Duration.ofSeconds(20), Duration.ofSeconds(20), 2)
                .build();
        assertEquals(
                concurrentWrites(episodes, 1).getLast(),
                concurrentWrites(episodes, 5).getLast(),
                "the writers that arrived during the episodes the first one started shifted ctx.random()");
    }

    @Test
    void perIpOverridesApplyToThatDiskOnly() throws Exception {
        InetAddress slowIp = InetAddress.getByName("10.0.0.2");
        StorageConfig config = StorageConfig.builder()
                .forIp(
                        slowIp,
                        StorageConfig.builder()
                                .writeLatency(Duration.ofSeconds(1), Duration.ofSeconds(1))
                                .build())
                .build();
        List<String> seen = new ArrayList<>();
        // two instances: the builder rejects an instance added twice
        java.util.function.Supplier<Workload> timed = () -> new Workload() {
            @Override
            public void run(SimContext ctx) throws IOException {
                long t0 = ctx.time().nanoTime();
                ctx.storage().open("f", CREATE, WRITE).write(ByteBuffer.allocate(1));
                seen.add(ctx.ip().getHostAddress() + " " + (ctx.time().nanoTime() - t0));
            }
        };
        SimulationBuilder.create()
                .configure(config)
                .workload(timed.get())
                .workload(timed.get())
                .seeds(1)
                .run()
                .assertPassed();
        assertTrue(seen.containsAll(List.of("10.0.0.1 40000", "10.0.0.2 2000000000")), seen::toString);
    }

    @Test
    void invalidConfigurationNamesTheField() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> StorageConfig.builder()
                        .phantomWrites(-0.1)
                        .iops(-5)
                        .readLatency(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("phantomWrites.probability must be a probability"), e.getMessage());
        assertTrue(e.getMessage().contains("throughput.iops must be 0 (unlimited) or positive"), e.getMessage());
        assertTrue(e.getMessage().contains("latency.read minimum PT2S is above its maximum PT1S"), e.getMessage());
    }

    @Test
    void perIpOverridesIterateInTheOrderAdded() throws Exception {
        StorageConfig.Builder builder = StorageConfig.builder();
        java.util.List<java.net.InetAddress> added = new java.util.ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            java.net.InetAddress ip = java.net.InetAddress.getByName("10.0.1." + (i * 7 % 13 + 1));
            added.add(ip);
            builder.forIp(ip, StorageConfig.defaults());
        }
        assertEquals(added, java.util.List.copyOf(builder.build().overrides().keySet()));
    }
}
