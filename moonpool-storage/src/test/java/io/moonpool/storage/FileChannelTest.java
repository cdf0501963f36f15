package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Storage;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The simulated FileChannel behaves like a real one: options, positions, exceptions. */
class FileChannelTest {

    static void inSimulation(Workload w) {
        SimulationBuilder.create().workload(w).seeds(1).run().assertPassed();
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(FileChannel c, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len);
        int n = c.read(b, pos);
        return n < 0 ? "<EOF>" : new String(b.array(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void openOptionsBehaveAsOnARealFileSystem() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            assertThrows(NoSuchFileException.class, () -> disk.open("a", READ));
            assertThrows(NoSuchFileException.class, () -> disk.open("a", WRITE));
            try (FileChannel c = disk.open("a", CREATE_NEW, WRITE)) {
                c.write(bytes("hello world"));
            }
            assertThrows(FileAlreadyExistsException.class, () -> disk.open("a", CREATE_NEW, WRITE));
            try (FileChannel c = disk.open("a", APPEND)) {
                assertEquals(11, c.position(), "an APPEND channel is positioned at the end");
                c.write(bytes("!"));
                assertThrows(NonReadableChannelException.class, () -> c.read(ByteBuffer.allocate(1)));
            }
            try (FileChannel c = disk.open("a", READ)) {
                assertEquals("hello world!", read(c, 0, 100));
                assertThrows(NonWritableChannelException.class, () -> c.write(bytes("x")));
            }
            try (FileChannel c = disk.open("a", WRITE, TRUNCATE_EXISTING)) {
                assertEquals(0, c.size());
            }
            assertThrows(IllegalArgumentException.class, () -> disk.open("a", READ, APPEND));
            assertEquals(List.of("a"), disk.list());
        });
    }

    @Test
    void positionalRelativeScatterGatherTruncateAndTransfer() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            try (FileChannel c = disk.open("f", CREATE, READ, WRITE)) {
                c.write(new ByteBuffer[] {bytes("abc"), bytes("def")});
                assertEquals(6, c.position());
                c.write(bytes("XY"), 1);
                assertEquals(6, c.position(), "a positional write leaves the position alone");
                assertEquals("aXYdef", read(c, 0, 10));
                c.position(2);
                ByteBuffer[] parts = {ByteBuffer.allocate(2), ByteBuffer.allocate(10)};
                assertEquals(4, c.read(parts));
                assertEquals("Yd", new String(parts[0].array(), StandardCharsets.UTF_8));
                assertEquals(-1, c.read(ByteBuffer.allocate(1)));
                c.truncate(3);
                assertEquals(3, c.size());
                assertEquals(3, c.position());
                assertEquals("<EOF>", read(c, 3, 1));
                c.write(bytes("Z"), 10);
                assertEquals(11, c.size(), "writing past the end leaves a hole of zeros");
                assertEquals(0, read(c, 5, 1).charAt(0));
                try (FileChannel copy = disk.open("g", CREATE, READ, WRITE)) {
                    assertEquals(11, c.transferTo(0, 100, copy));
                    assertEquals(0, copy.transferFrom(disk.open("f", READ), 20, 3), "nothing past the end");
                    assertEquals(3, copy.transferFrom(disk.open("f", READ), 11, 3));
                    assertEquals(14, copy.size());
                }
            }
        });
    }

    @Test
    void concurrentAppendsAndCreatesDoNotOverwriteEachOther() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            java.util.List<io.moonpool.api.TaskHandle<Boolean>> creators = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                creators.add(ctx.tasks().spawn("creator-" + t, () -> {
                    try {
                        disk.open("lock", CREATE_NEW, WRITE).close();
                        return true;
                    } catch (FileAlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (var c : creators) {
                won += c.join() ? 1 : 0;
            }
            assertEquals(1, won, "exactly one CREATE_NEW wins");
            FileChannel shared = disk.open("log", CREATE, WRITE, APPEND);
            java.util.List<io.moonpool.api.TaskHandle<Void>> appenders = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                appenders.add(ctx.tasks().spawn("appender-" + t, () -> {
                    try (FileChannel own = disk.open("log", CREATE, WRITE, APPEND)) {
                        for (int i = 0; i < 10; i++) {
                            own.write(ByteBuffer.allocate(10));
                            shared.write(ByteBuffer.allocate(10));
                        }
                    }
                    return null;
                }));
            }
            for (var a : appenders) {
                a.join();
            }
            assertEquals(400, shared.size(), "appends never overwrite each other");
        });
    }

    @Test
    void aWritePastTheSizeLimitThrowsIOExceptionAndTheFileStaysUsable() {
        inSimulation(ctx -> {
            try (FileChannel c = ctx.storage().open("f", CREATE, READ, WRITE)) {
                c.write(bytes("abc"));
                ByteBuffer src = bytes("0123456789ab");
                IOException e = assertThrows(IOException.class, () -> c.write(src, Long.MAX_VALUE - 10));
                assertTrue(
                        e.getMessage().contains("File too large")
                                && e.getMessage().contains("1 TiB"),
                        e.getMessage());
                assertEquals(0, src.position(), "the source buffer is left as it was");
                c.position(StorageConfig.MAX_FILE_SIZE);
                assertThrows(IOException.class, () -> c.write(bytes("x")));
                assertEquals(StorageConfig.MAX_FILE_SIZE, c.position(), "a failed relative write moves nothing");
                assertEquals(3, c.size());
                c.write(bytes("d"), 3);
                c.force(true);
                assertEquals("abcd", read(c, 0, 10));
            }
        });
    }

    @Test
    void unsupportedAndClosedOperationsSaySo() {
        inSimulation(ctx -> {
            FileChannel c = ctx.storage().open("f", CREATE, READ, WRITE);
            UnsupportedOperationException map =
                    assertThrows(UnsupportedOperationException.class, () -> c.map(FileChannel.MapMode.READ_ONLY, 0, 1));
            assertTrue(map.getMessage().contains("not simulated"), map.getMessage());
            assertThrows(UnsupportedOperationException.class, c::lock);
            c.close();
            assertFalse(c.isOpen());
            assertThrows(ClosedChannelException.class, () -> c.write(bytes("x")));
            assertThrows(ClosedChannelException.class, () -> c.read(ByteBuffer.allocate(1)));
            assertThrows(ClosedChannelException.class, c::size);
        });
    }

    /** Reads into read-only buffers in four ways; the exception class of each, or what it returned. */
    private static List<String> readsIntoReadOnlyBuffers(FileChannel c) {
        ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
        ByteBuffer emptyReadOnly = ByteBuffer.allocate(0).asReadOnlyBuffer();
        ByteBuffer writable = ByteBuffer.allocate(4);
        List<Executable> reads = List.of(
                () -> c.read(readOnly),
                () -> c.read(readOnly, 0),
                () -> c.read(emptyReadOnly),
                () -> c.read(new ByteBuffer[] {writable, readOnly}));
        List<String> outcomes = new ArrayList<>();
        for (Executable read : reads) {
            try {
                read.execute();
                outcomes.add("returned");
            } catch (Throwable t) {
                outcomes.add(t.getClass().getName() + ": " + t.getMessage());
            }
        }
        outcomes.add("read " + writable.position() + " bytes into the writable buffer");
        return outcomes;
    }

    @Test
    void aReadIntoAReadOnlyBufferFailsBeforeAnySimulatedIoAsTheJdkDoes(@TempDir Path dir) throws IOException {
        List<String> jdk;
        try (FileChannel real = FileChannel.open(dir.resolve("f"), CREATE, READ, WRITE)) {
            real.write(bytes("abcdefgh"));
            real.position(0);
            jdk = readsIntoReadOnlyBuffers(real);
            assertEquals(0, real.position());
        }
        assertTrue(jdk.getFirst().startsWith(IllegalArgumentException.class.getName()), jdk::toString);
        inSimulation(ctx -> {
            try (FileChannel c = ctx.storage().open("f", CREATE, READ, WRITE)) {
                c.write(bytes("abcdefgh"));
                c.position(0);
                long t0 = ctx.time().nanoTime();
                assertEquals(jdk, readsIntoReadOnlyBuffers(c));
                assertEquals(t0, ctx.time().nanoTime(), "no simulated I/O took place");
                assertEquals(0, c.position());
            }
        });
    }

    @Test
    void deleteRenameAndExists() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            try (FileChannel c = disk.open("tmp", CREATE, WRITE)) {
                c.write(bytes("new"));
            }
            try (FileChannel c = disk.open("data", CREATE, WRITE)) {
                c.write(bytes("old"));
            }
            disk.rename("tmp", "data");
            assertFalse(disk.exists("tmp"));
            assertEquals("new", read(disk.open("data", READ), 0, 10));
            assertThrows(NoSuchFileException.class, () -> disk.rename("tmp", "x"));
            disk.delete("data");
            assertFalse(disk.exists("data"));
            assertThrows(NoSuchFileException.class, () -> disk.delete("data"));
        });
    }

    @Test
    void pathsAreNormalisedTheSameWayByEveryOperation() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            try (FileChannel c = disk.open("./x", CREATE, WRITE)) {
                c.write(bytes("one"));
            }
            for (String same : List.of("x", "./x", "/x", "a/../x", "x/", ".//x/.")) {
                assertTrue(disk.exists(same), same);
                assertEquals("one", read(disk.open(same, READ), 0, 10), same);
            }
            assertThrows(FileAlreadyExistsException.class, () -> disk.open("/./x", CREATE_NEW, WRITE));
            assertEquals(List.of("x"), disk.list());
            disk.open("d/./y", CREATE, WRITE).close();
            disk.rename("./x", "d//z");
            assertEquals(List.of("d/y", "d/z"), disk.list());
            disk.delete("/d/y");
            assertEquals(List.of("d/z"), disk.list());
            assertEquals("one", read(disk.open(disk.list().getFirst(), READ), 0, 10), "a listed path opens as is");
        });
    }

    @Test
    void invalidPathsAreRejectedBeforeAnySimulatedIo() {
        inSimulation(ctx -> {
            Storage disk = ctx.storage();
            disk.open("kept", CREATE, WRITE).close();
            String longName = "n".repeat(256);
            String longPath = ("d".repeat(255) + "/").repeat(16) + "f"; // 16 * 256 + 1 = 4097 bytes
            Map<String, String> rejected = new LinkedHashMap<>();
            rejected.put("", "the empty path names no file");
            rejected.put(".", "root directory");
            rejected.put("/", "root directory");
            rejected.put("a/..", "root directory");
            rejected.put("..", "climbs above the disk's root");
            rejected.put("../kept", "climbs above the disk's root");
            rejected.put("a/../../kept", "climbs above the disk's root");
            rejected.put("a\0b", "NUL");
            rejected.put(longName, "at most 255 bytes");
            rejected.put("d/" + "\u00e9".repeat(128), "at most 255 bytes"); // 128 chars, 256 bytes in UTF-8
            rejected.put(longPath, "at most 4096 bytes");
            long t0 = ctx.time().nanoTime();
            for (Map.Entry<String, String> e : rejected.entrySet()) {
                String path = e.getKey();
                List<Executable> uses = List.of(
                        () -> disk.open(path, CREATE, WRITE),
                        () -> disk.exists(path),
                        () -> disk.delete(path),
                        () -> disk.rename(path, "kept"),
                        () -> disk.rename("kept", path));
                for (Executable use : uses) {
                    InvalidPathException thrown = assertThrows(InvalidPathException.class, use);
                    assertTrue(thrown.getMessage().contains(e.getValue()), thrown.getMessage());
                    assertTrue(thrown.getMessage().length() < 300, "an absurd path is not quoted whole");
                }
            }
            assertEquals(t0, ctx.time().nanoTime(), "a rejected path costs no simulated time");
            assertEquals(List.of("kept"), disk.list());
            assertThrows(NullPointerException.class, () -> disk.exists(null));
            disk.open("n".repeat(255), CREATE, WRITE).close();
            disk.open(longPath.substring(1), CREATE, WRITE).close();
            assertEquals(3, disk.list().size(), "a 255-byte name and a 4096-byte path are fine");
        });
    }

    @Test
    void ioTakesSimulatedTimeAndIopsLimitsIt() {
        SimulationBuilder.create()
                .configure(StorageConfig.builder()
                        .writeLatency(java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(2))
                        .syncLatency(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(5))
                        .build())
                .workload(ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE);
                    long t0 = ctx.time().nanoTime();
                    c.write(bytes("x"));
                    assertEquals(2_000_000, ctx.time().nanoTime() - t0);
                    t0 = ctx.time().nanoTime();
                    c.force(true);
                    assertEquals(5_000_000, ctx.time().nanoTime() - t0);
                })
                .seeds(1)
                .run()
                .assertPassed();
        SimulationBuilder.create()
                .configure(
                        StorageConfig.builder().iops(100).bandwidth(1_000_000).build())
                .workload(ctx -> {
                    FileChannel c = ctx.storage().open("f", CREATE, WRITE);
                    long t0 = ctx.time().nanoTime();
                    for (int i = 0; i < 10; i++) {
                        c.write(bytes("x"));
                    }
                    assertEquals(
                            100_000_000,
                            ctx.time().nanoTime() - t0 - 10_000_000,
                            10_000_000,
                            "10 writes at 100 IOPS take about 100 ms");
                    t0 = ctx.time().nanoTime();
                    c.write(ByteBuffer.allocate(100_000));
                    assertEquals(100_000_000, ctx.time().nanoTime() - t0, "100 kB at 1 MB/s");
                })
                .seeds(1)
                .run()
                .assertPassed();
    }
}
