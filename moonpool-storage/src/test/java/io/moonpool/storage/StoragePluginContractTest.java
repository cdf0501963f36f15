package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moonpool.api.Storage;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.testkit.ResourcePluginContract;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The disks keep every guarantee of a resource plugin (the inherited tests); the simulation the contract runs,
 * and replays in a fresh JVM, is the replicated write-ahead-log store of {@link WalKvStoreIT} under attrition
 * and a power loss.
 */
class StoragePluginContractTest extends ResourcePluginContract {

    private static final InetAddress NODE = address("10.0.1.1");

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    protected ResourcePlugin plugin() {
        return discovered("storage");
    }

    @Override
    protected ResourceConfig faultsOff() {
        return StorageConfig.defaults();
    }

    @Override
    protected ResourceConfig faultsOn() {
        // the families that damage no data, and no sync failures: the store forces its log at boot and gives up
        // on a failed force, so that its check (every acknowledged write survives) holds with these alone
        return StorageConfig.builder()
                .readLatency(Duration.ofNanos(10_000), Duration.ofNanos(100_000))
                .writeLatency(Duration.ofNanos(10_000), Duration.ofNanos(100_000))
                .syncLatency(Duration.ofNanos(500_000), Duration.ofMillis(2))
                .stalls(0.01, Duration.ofMillis(1), Duration.ofMillis(50))
                .throttles(0.01, Duration.ofMillis(1), Duration.ofMillis(20), 4)
                .build();
    }

    private static Storage disk(ResourceInstance instance) {
        return instance.provide(Storage.class, NODE).orElseThrow();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] readAll(Storage disk, String path) throws IOException {
        try (FileChannel c = disk.open(path, READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) c.size());
            while (b.hasRemaining() && c.read(b) >= 0) {
                // keep reading
            }
            return b.array();
        }
    }

    /** Ten files written, forced and read back, then renames: what came back, or what failed. */
    @Override
    protected Object exercise(ResourceInstance instance) throws Exception {
        Storage disk = disk(instance);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try (FileChannel c = disk.open("f" + i, CREATE, READ, WRITE)) {
                c.write(ByteBuffer.wrap(filled(4096, i)));
                c.force(true);
                ByteBuffer back = ByteBuffer.allocate(10);
                c.read(back, 0);
                seen.add("f" + i + " " + Arrays.toString(back.array()));
            } catch (IOException e) {
                seen.add("f" + i + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        try {
            disk.rename("f0", "g0");
            disk.sync();
        } catch (IOException e) {
            seen.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        seen.add(disk.list().toString());
        return seen;
    }

    /**
     * A forced file and an open channel with unforced writes: the reboot closes the channel; a crash keeps
     * what was forced, a graceful stop keeps everything written (so that even a crash of the next life does).
     */
    @Override
    protected void checkReboot(ResourceInstance instance, RebootKind kind, Consumer<InetAddress> reboot)
            throws Exception {
        Storage disk = disk(instance);
        try (FileChannel forced = disk.open("forced", CREATE, WRITE)) {
            forced.write(ByteBuffer.wrap(filled(10, 's')));
            forced.force(true);
        }
        FileChannel held = disk.open("log", CREATE, WRITE);
        held.write(ByteBuffer.wrap(filled(1000, 'x'))); // not forced
        reboot.accept(NODE);
        assertThrows(ClosedChannelException.class, () -> held.write(ByteBuffer.allocate(1)), "a channel of the dead");
        assertThrows(ClosedChannelException.class, held::size);
        Storage next = disk(instance);
        assertArrayEquals(filled(10, 's'), readAll(next, "forced"));
        if (kind == RebootKind.GRACEFUL) {
            assertEquals(1000, readAll(next, "log").length, "a graceful stop keeps everything written");
            instance.onLifecycle(new LifecycleEvent.Killed(NODE, RebootKind.CRASH));
            assertEquals(1000, readAll(disk(instance), "log").length, "flushed by the clean stop: a crash keeps it");
        }
    }

    @Override
    protected SimulationBuilder simulation(ResourceConfig faults) {
        return WalKvStoreIT.cluster(false).configure(faults);
    }

    @Override
    protected long[] seeds() {
        return new long[] {7_000, 7_001, 7_002, 7_003};
    }
}
