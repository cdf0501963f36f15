package io.moonpool.testkit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link Storage} and its {@link FileChannel}s promise, simulated or real, on one node's disk (an empty
 * one: a real target gives each case a fresh directory): forced data reads back, a rename replaces its target
 * atomically, the missing and the existing fail with {@link NoSuchFileException} and
 * {@link FileAlreadyExistsException}, {@code truncate}, {@code size} and {@code position} behave as the JDK's,
 * and paths are normalised or rejected as {@link Storage}'s Javadoc says, so that nothing escapes the node's
 * disk.
 *
 * <p><b>What it assumes of Linux.</b> POSIX rename: a channel opened on the replaced file keeps reading the old
 * contents; reads at or past the end return -1; a write past the end leaves a hole that reads as zeros.
 */
public abstract class StorageContract extends ProviderContract {

    /** For subclasses. */
    protected StorageContract() {}

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Storage disk, String path, String content) throws IOException {
        try (FileChannel ch = disk.open(path, CREATE, WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = bytes(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(ch.size()));
        long at = 0;
        while (all.hasRemaining()) {
            int n = ch.read(all, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        return new String(all.array(), 0, all.position(), StandardCharsets.UTF_8);
    }

    private static String read(Storage disk, String path) throws IOException {
        try (FileChannel ch = disk.open(path, READ)) {
            return read(ch);
        }
    }

    /** What was written and forced reads back through a new channel; size and {@code exists} agree. */
    @Test
    public void forcedDataReadsBack() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            assertFalse(disk.exists("log"));
            try (FileChannel ch = disk.open("log", CREATE, WRITE)) {
                assertEquals(5, ch.write(bytes("hello")));
                ch.force(false);
                assertEquals(5, ch.size());
            }
            assertTrue(disk.exists("log"));
            assertEquals("hello", read(disk, "log"));
            disk.sync();
            assertEquals(List.of("log"), disk.list());
        });
    }

    /**
     * A rename replaces the target at once: the source is gone, the target has the source's contents, and a
     * channel opened on the old target before the rename still reads the old contents.
     */
    @Test
    public void renameReplacesAtomically() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            write(disk, "current", "old");
            write(disk, "current.tmp", "new");
            try (FileChannel before = disk.open("current", READ)) {
                disk.rename("current.tmp", "current");
                assertFalse(disk.exists("current.tmp"));
                assertEquals("new", read(disk, "current"));
                assertEquals("old", read(before), "the replaced file lives on for its open channels");
            }
            disk.sync();
            assertEquals(List.of("current"), disk.list());
        });
    }

    /** Opening without CREATE, deleting and renaming a missing file throw {@link NoSuchFileException}. */
    @Test
    public void missingFilesAreNoSuchFile() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            assertThrows(NoSuchFileException.class, () -> disk.open("absent", READ));
            assertThrows(NoSuchFileException.class, () -> disk.open("absent", WRITE));
            assertThrows(NoSuchFileException.class, () -> disk.delete("absent"));
            assertThrows(NoSuchFileException.class, () -> disk.rename("absent", "elsewhere"));
            assertFalse(disk.exists("elsewhere"));
            write(disk, "present", "x");
            disk.delete("present");
            assertFalse(disk.exists("present"));
            assertEquals(List.of(), disk.list());
        });
    }

    /** {@code CREATE_NEW} on an existing file throws {@link FileAlreadyExistsException} and keeps the file. */
    @Test
    public void createNewOnAnExistingFileFails() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            disk.open("fresh", CREATE_NEW, WRITE).close();
            write(disk, "fresh", "kept");
            assertThrows(FileAlreadyExistsException.class, () -> disk.open("fresh", CREATE_NEW, WRITE));
            assertEquals("kept", read(disk, "fresh"));
        });
    }

    /**
     * {@code truncate} shrinks (moving a position past the new end back to it) and never grows; a write at a
     * position past the end leaves a hole of zeros; a read at the end returns -1.
     */
    @Test
    public void truncateSizeAndPosition() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            try (FileChannel ch = disk.open("data", CREATE, READ, WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[100]));
                assertEquals(100, ch.position());
                assertEquals(100, ch.size());
                ch.truncate(40);
                assertEquals(40, ch.size());
                assertEquals(40, ch.position(), "the position moved back to the new end");
                ch.truncate(80);
                assertEquals(40, ch.size(), "truncate never grows a file");
                assertEquals(-1, ch.read(ByteBuffer.allocate(1)), "at the end");
                ch.position(50);
                assertEquals(40, ch.size(), "moving the position writes nothing");
                ch.write(ByteBuffer.wrap(new byte[] {9}));
                assertEquals(51, ch.size());
                ByteBuffer hole = ByteBuffer.allocate(11);
                assertEquals(11, ch.read(hole, 40));
                assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}, hole.array());
                assertEquals(-1, ch.read(ByteBuffer.allocate(1), 51));
            }
        });
    }

    /**
     * Paths are normalised lexically with a leading "/" as the root, so {@code "/x"}, {@code "./x"} and
     * {@code "d/../x"} are {@code "x"}; {@code "d/x"} needs no directory; a {@code ".."} above the root, a NUL
     * and a path naming no file are rejected with {@link InvalidPathException}, before anything is written.
     */
    @Test
    public void pathsAreNormalisedOrRejected() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            write(disk, "/x", "one");
            assertTrue(disk.exists("x"));
            assertEquals("one", read(disk, "./x"));
            assertEquals("one", read(disk, "d/../x"));
            write(disk, "d/y", "two");
            assertEquals(List.of("d/y", "x"), disk.list());
            for (String escape : List.of("../x", "a/../../x", "/../x", "x\0y", "", ".", "/")) {
                assertThrows(
                        InvalidPathException.class,
                        () -> disk.open(escape, CREATE, WRITE).close(),
                        () -> "open(\"" + escape.replace("\0", "\\0") + "\") was not rejected");
                assertThrows(InvalidPathException.class, () -> disk.rename("x", escape));
            }
            assertThrows(InvalidPathException.class, () -> disk.delete("../x"));
            assertEquals(List.of("d/y", "x"), disk.list(), "nothing was created by the rejected paths");
        });
    }

    /**
     * A channel does what its options allow and nothing once closed: writing a read-only channel throws
     * {@link java.nio.channels.NonWritableChannelException}, reading a write-only one
     * {@link java.nio.channels.NonReadableChannelException}, any use of a closed one
     * {@link java.nio.channels.ClosedChannelException}; {@code APPEND} writes at the end whatever the position.
     */
    @Test
    public void channelModesAppendAndClose() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            write(disk, "f", "abc");
            try (FileChannel ch = disk.open("f", READ)) {
                assertThrows(java.nio.channels.NonWritableChannelException.class, () -> ch.write(bytes("x")));
            }
            try (FileChannel ch = disk.open("f", WRITE)) {
                assertThrows(
                        java.nio.channels.NonReadableChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
            }
            try (FileChannel ch = disk.open("f", WRITE, java.nio.file.StandardOpenOption.APPEND)) {
                ch.write(bytes("de"));
                assertEquals(5, ch.size());
            }
            assertEquals("abcde", read(disk, "f"));
            FileChannel closed = disk.open("f", READ);
            closed.close();
            assertThrows(java.nio.channels.ClosedChannelException.class, () -> closed.read(ByteBuffer.allocate(1)));
            assertThrows(java.nio.channels.ClosedChannelException.class, closed::size);
        });
    }

    /**
     * A name is a file or a directory, never both: {@code "a/b"} cannot be created beside a file {@code "a"},
     * nor {@code "d"} beside {@code "d/x"}, by open or by rename; the failure is a plain
     * {@link java.nio.file.FileSystemException} (neither no-such-file nor already-exists) and changes nothing.
     */
    @Test
    public void aNameIsAFileOrADirectoryNeverBoth() {
        onNodes((ctx, nodes) -> {
            Storage disk = ctx.storage();
            write(disk, "a", "file");
            write(disk, "d/x", "under d");
            write(disk, "y", "to rename");
            assertClash(() -> disk.open("a/b", CREATE, WRITE).close());
            assertClash(() -> disk.open("d", CREATE, WRITE).close());
            assertClash(() -> disk.rename("y", "a/b"));
            assertClash(() -> disk.rename("y", "d"));
            assertEquals(List.of("a", "d/x", "y"), disk.list());
            assertEquals("file", read(disk, "a"));
            assertEquals("to rename", read(disk, "y"));
        });
    }

    private static void assertClash(org.junit.jupiter.api.function.Executable call) {
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class, call);
        assertEquals(java.nio.file.FileSystemException.class, e.getClass(), "a plain FileSystemException: " + e);
    }
}
