package io.moonpool.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Storage;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.storage.StorageConfig;
import io.moonpool.testkit.RecordingKernel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage's timeline entries, recorded by a kernel of the test's own: writes, forces, syncs, and what a
 * crash or a wipe did to each file, the crash's entries naming the disk's IP as well as the path.
 */
class TimelineEntriesTest {

    private static final InetAddress NODE = ip("10.0.1.1");

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static FileChannel open(Storage s, String path) throws IOException {
        return s.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @Test
    void writesForcesAndSyncs() throws IOException {
        RecordingKernel kernel = new RecordingKernel();
        Storage storage =
                new StoragePlugin().start(kernel).provide(Storage.class, NODE).orElseThrow();
        FileChannel f = open(storage, "./wal");
        f.write(ByteBuffer.wrap(new byte[100]));
        f.force(true);
        storage.sync();
        assertEquals(
                List.of(
                        "t=40000 disk write wal 100", // normalised: the name list() gives
                        "t=1040000 disk force wal 0",
                        "t=2040000 disk sync null 0"),
                kernel.take());
    }

    @Test
    void aFailedForceIsRecordedAsFailed() throws IOException {
        RecordingKernel kernel =
                new RecordingKernel(StorageConfig.builder().syncFailures(1.0).build());
        Storage storage =
                new StoragePlugin().start(kernel).provide(Storage.class, NODE).orElseThrow();
        FileChannel f = open(storage, "wal");
        kernel.take();
        assertThrows(IOException.class, () -> f.force(true));
        assertEquals(List.of("t=1020000 disk force failed wal 0"), kernel.take());
    }

    @Test
    void aCrashSaysWhatItKeptLostOrToreOfEachFile() throws IOException {
        RecordingKernel kernel = new RecordingKernel();
        SimStorageView view = new SimStorageView(kernel);
        FileChannel durable = open(view.storage, "durable");
        durable.write(ByteBuffer.wrap(new byte[10]));
        durable.force(true);
        view.storage.sync(); // "durable" has a durable name
        durable.write(ByteBuffer.wrap(new byte[10]));
        durable.write(ByteBuffer.wrap(new byte[10]));
        open(view.storage, "unnamed").write(ByteBuffer.wrap(new byte[10])); // its name was never made durable
        kernel.take();
        view.instance.onLifecycle(new LifecycleEvent.Killed(NODE, RebootKind.CRASH));
        List<String> crash = kernel.take();
        assertEquals(2, crash.size(), crash::toString);
        assertEquals("t=2120000 crash lost file 10.0.1.1:unnamed 0", crash.get(0));
        String outcome = crash.get(1);
        assertTrue(
                List.of(
                                "t=2120000 crash kept unforced writes 10.0.1.1:durable 2",
                                "t=2120000 crash lost unforced writes 10.0.1.1:durable 2",
                                "t=2120000 crash tore unforced writes 10.0.1.1:durable 2",
                                "t=2120000 crash tore unforced writes 10.0.1.1:durable 1")
                        .contains(outcome),
                outcome);
    }

    @Test
    void aWipeSaysHowManyFilesWent() throws IOException {
        RecordingKernel kernel = new RecordingKernel();
        SimStorageView view = new SimStorageView(kernel);
        open(view.storage, "a").close();
        open(view.storage, "b").close();
        kernel.take();
        view.instance.onLifecycle(new LifecycleEvent.Killed(NODE, RebootKind.CRASH_AND_WIPE));
        assertEquals(List.of("t=40000 disk wiped 10.0.1.1 2"), kernel.take());
    }

    /** The plugin's instance and the node's storage. */
    private static final class SimStorageView {
        final io.moonpool.api.spi.ResourceInstance instance;
        final Storage storage;

        SimStorageView(RecordingKernel kernel) {
            instance = new StoragePlugin().start(kernel);
            storage = instance.provide(Storage.class, NODE).orElseThrow();
        }
    }
}
