package io.moonpool.storage;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each storage fault family, switched on alone, has its observable effect, and none when off. */
class StorageFaultsTest {

    private static final byte[] PATTERN = new byte[4096];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) (i * 31 + i / 256);
        }
    }

    private static void run(StorageConfig config, Workload w) {
        SimulationBuilder.create().configure(config).workload(w).seeds(21, 22, 23).run().assertPassed();
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
        for (StorageConfig c : List.of(StorageConfig.builder().readCorruption(1).build(),
                StorageConfig.builder().writeCorruption(1).build())) {
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
        for (StorageConfig c : List.of(StorageConfig.builder().misdirectedRead(1).build(),
                StorageConfig.builder().misdirectedWrite(1).build())) {
            run(c, ctx -> assertFalse(Arrays.equals(PATTERN, roundTrip(ctx)), "the pattern came back intact"));
        }
    }

    @Test
    void syncFailuresThrowFromForce() {
        run(StorageConfig.builder().syncFailure(1).build(), ctx -> {
            FileChannel c = ctx.storage().open("f", CREATE, WRITE);
            IOException e = assertThrows(IOException.class, () -> c.force(true));
            assertTrue(e.getMessage().contains("fsync"), e.getMessage());
            assertThrows(IOException.class, () -> ctx.storage().sync());
        });
    }

    @Test
    void stallsFreezeTheDiskAndThrottlesSlowItDown() {
        run(StorageConfig.builder().stalls(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).build(), ctx -> {
            FileChannel c = ctx.storage().open("f", CREATE, WRITE);
            long t0 = ctx.time().nanoTime();
            c.write(ByteBuffer.allocate(1));
            assertTrue(ctx.time().nanoTime() - t0 >= 1_000_000_000L);
        });
        run(StorageConfig.builder().throttles(1, Duration.ofSeconds(5), Duration.ofSeconds(5), 10).build(), ctx -> {
            FileChannel c = ctx.storage().open("f", CREATE, WRITE);
            long t0 = ctx.time().nanoTime();
            c.write(ByteBuffer.allocate(1));
            assertEquals(200_000, ctx.time().nanoTime() - t0, "20 us latency, ten times slower");
        });
    }

    @Test
    void perIpOverridesApplyToThatDiskOnly() throws Exception {
        InetAddress slowIp = InetAddress.getByName("10.0.0.2");
        StorageConfig config = StorageConfig.builder()
                .forIp(slowIp, StorageConfig.builder().writeLatency(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .build())
                .build();
        List<String> seen = new ArrayList<>();
        Workload timed = ctx -> {
            long t0 = ctx.time().nanoTime();
            ctx.storage().open("f", CREATE, WRITE).write(ByteBuffer.allocate(1));
            seen.add(ctx.ip().getHostAddress() + " " + (ctx.time().nanoTime() - t0));
        };
        SimulationBuilder.create().configure(config).workload(timed).workload(timed).seeds(1).run().assertPassed();
        assertTrue(seen.containsAll(List.of("10.0.0.1 40000", "10.0.0.2 2000000000")), seen::toString);
    }

    @Test
    void aDiskWithEveryFaultOffDrawsNothingFromTheSimulationStream() {
        List<Long> withDisk = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        SimulationBuilder.create().workload(ctx -> {
            for (int i = 0; i < 20; i++) {
                FileChannel c = ctx.storage().open("f" + i, CREATE, READ, WRITE);
                c.write(ByteBuffer.wrap(PATTERN));
                c.read(ByteBuffer.allocate(10), 0);
                c.force(true);
                withDisk.add(ctx.random().nextLong());
            }
        }).seeds(9).run().assertPassed();
        SimulationBuilder.create().workload(ctx -> {
            for (int i = 0; i < 20; i++) {
                without.add(ctx.random().nextLong());
            }
        }).seeds(9).run().assertPassed();
        assertEquals(without, withDisk);
    }

    @Test
    void invalidConfigurationNamesTheField() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> StorageConfig.builder()
                .phantomWrite(-0.1).iops(-5).readLatency(Duration.ofSeconds(2), Duration.ofSeconds(1)).build());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("phantomWrite must be a probability"), e.getMessage());
        assertTrue(e.getMessage().contains("iops must be 0 (unlimited) or positive"), e.getMessage());
        assertTrue(e.getMessage().contains("readLatency minimum PT2S is above its maximum PT1S"), e.getMessage());
    }
}
