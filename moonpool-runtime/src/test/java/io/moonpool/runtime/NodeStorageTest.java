package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Storage;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's storage is its own directory: paths cannot leave it, the namespace is flat, errors name the path. */
class NodeStorageTest {

    @TempDir
    Path dataDir;

    private NodeRuntime node() {
        return NodeRuntime.builder().ip(A).dataDir(dataDir).shutdownHook(false).build();
    }

    @Test
    void pathsThatEscapeOrNameNoFileAreRejectedBeforeAnyIo() throws Exception {
        Files.writeString(dataDir.resolve("outside"), "secret");
        try (NodeRuntime node = node()) {
            Storage s = node.context().storage();
            for (String bad : List.of("..", "../outside", "a/../../outside", "/../outside", "", ".", "/", "x\0y")) {
                assertThrows(InvalidPathException.class, () -> s.open(bad, READ), bad);
                assertThrows(InvalidPathException.class, () -> s.exists(bad), bad);
                assertThrows(InvalidPathException.class, () -> s.delete(bad), bad);
                assertThrows(InvalidPathException.class, () -> s.rename("x", bad), bad);
            }
            assertThrows(InvalidPathException.class, () -> s.open("n".repeat(256), CREATE, WRITE));
            assertThrows(NullPointerException.class, () -> s.open(null, READ));
            assertEquals("secret", Files.readString(dataDir.resolve("outside")));
        }
    }

    @Test
    void theNamespaceIsFlatAndPathsNormaliseAsInSimulation() throws Exception {
        try (NodeRuntime node = node()) {
            Storage s = node.context().storage();
            try (FileChannel ch = s.open("/d/e/x", CREATE_NEW, WRITE)) { // no directory "d" made first
                ch.write(ByteBuffer.wrap(new byte[] {7}));
                ch.force(true);
            }
            assertTrue(s.exists("d/e/x"));
            assertTrue(s.exists("./d/f/../e/x"));
            assertFalse(s.exists("d/e"), "a directory is not a file");
            assertThrows(FileAlreadyExistsException.class, () -> s.open("d/e/x", CREATE_NEW, WRITE));
            s.open("b", CREATE, WRITE).close();
            assertEquals(List.of("b", "d/e/x"), s.list());
            s.sync();
            assertTrue(Files.isRegularFile(dataDir.resolve("127.0.0.1/d/e/x")));
        }
    }

    @Test
    void renameReplacesAndErrorsNameTheStoragePath() throws Exception {
        try (NodeRuntime node = node()) {
            Storage s = node.context().storage();
            try (FileChannel ch = s.open("new", CREATE, WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {1}));
            }
            s.open("current", CREATE, WRITE).close();
            s.rename("new", "current");
            assertEquals(List.of("current"), s.list());
            try (FileChannel ch = s.open("current", READ)) {
                assertEquals(1, ch.size());
            }
            NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> s.delete("./gone"));
            assertEquals("gone", missing.getFile());
            assertEquals(
                    "gone",
                    assertThrows(NoSuchFileException.class, () -> s.open("gone", READ))
                            .getFile());
            assertEquals(
                    "gone",
                    assertThrows(NoSuchFileException.class, () -> s.rename("gone", "x"))
                            .getFile());
            s.rename("current", "sub/moved");
            s.delete("sub/moved");
            assertEquals(List.of(), s.list());
        }
    }

    @Test
    void abortClosesTheChannelsItsStorageOpened() throws Exception {
        NodeRuntime node = node();
        FileChannel ch = node.context().storage().open("x", CREATE, WRITE);
        node.abort();
        assertFalse(ch.isOpen());
    }
}
