package io.moonpool.runtime.internal;

import io.moonpool.api.Storage;
import io.moonpool.api.spi.StoragePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@link Storage} of a node: a real directory. Paths are normalised by {@link StoragePaths}, as on the
 * simulated disk, so none escapes the directory; exceptions name the normalised storage path, not the real one.
 */
public final class DirectoryStorage implements Storage {

    private final NodeLife life;
    private final Path root;

    /**
     * The storage of a node.
     *
     * @param life the node, which closes the channels opened here when it stops
     * @param root the node's directory; it exists
     */
    public DirectoryStorage(NodeLife life, Path root) {
        this.life = life;
        this.root = root;
    }

    @Override
    public FileChannel open(String given, OpenOption... options) throws IOException {
        String path = StoragePaths.normalise(given);
        Path file = root.resolve(path);
        boolean create = false;
        boolean write = false;
        for (OpenOption o : options) {
            // the simulated disk's rules, so that code that runs there runs here
            if (!(o instanceof StandardOpenOption so)) {
                throw new UnsupportedOperationException(
                        "unsupported open option " + o + ": simulated files take StandardOpenOption only");
            }
            if (so == StandardOpenOption.DELETE_ON_CLOSE) {
                throw new UnsupportedOperationException("DELETE_ON_CLOSE is not simulated: delete the file instead");
            }
            create |= so == StandardOpenOption.CREATE || so == StandardOpenOption.CREATE_NEW;
            write |= so == StandardOpenOption.WRITE || so == StandardOpenOption.APPEND;
        }
        try {
            if (create && write) {
                parentDirectories(file, path); // the namespace is flat: "d/x" needs no "d" first
            }
            FileChannel channel = FileChannel.open(file, options);
            if (!life.register(channel)) {
                channel.close();
                throw new IOException("cannot open " + path + ": " + life.name() + " has shut down");
            }
            return channel;
        } catch (FileSystemException e) {
            throw named(e, path);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(root.resolve(StoragePaths.normalise(path)));
    }

    @Override
    public void delete(String given) throws IOException {
        String path = StoragePaths.normalise(given);
        Path file = root.resolve(path);
        try {
            if (Files.isDirectory(file)) {
                throw new NoSuchFileException(path); // a directory the flat namespace made, not a file
            }
            Files.delete(file);
        } catch (FileSystemException e) {
            throw named(e, path);
        }
    }

    @Override
    public void rename(String givenFrom, String givenTo) throws IOException {
        String from = StoragePaths.normalise(givenFrom);
        String to = StoragePaths.normalise(givenTo);
        Path source = root.resolve(from);
        Path target = root.resolve(to);
        try {
            if (!Files.isRegularFile(source)) {
                throw new NoSuchFileException(from);
            }
            parentDirectories(target, to);
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE); // replaces target on Linux (rename(2))
        } catch (FileSystemException e) {
            throw named(e, from);
        }
    }

    @Override
    public void sync() throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(root)) {
            dirs = walk.filter(Files::isDirectory).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path dir : dirs) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (NoSuchFileException e) {
                // removed meanwhile: nothing of it to make durable
            }
        }
    }

    @Override
    public List<String> list() {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                StringBuilder sb = new StringBuilder();
                for (Path name : root.relativize(p)) {
                    if (!sb.isEmpty()) {
                        sb.append('/');
                    }
                    sb.append(name);
                }
                paths.add(sb.toString());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + life.name() + "'s storage: " + e.getMessage(), e);
        }
        paths.sort(null);
        return List.copyOf(paths);
    }

    /**
     * Creates the directories above a file. A real directory cannot also be a file, and the simulated disk
     * refuses the same ({@code "d"} beside {@code "d/x"}): this fails naming the path.
     */
    private void parentDirectories(Path file, String path) throws IOException {
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            FileSystemException f = new FileSystemException(
                    path,
                    null,
                    "a file of this storage has the name of one of its directories (the runtime keeps"
                            + " 'a/b' as the file b in a real directory a, so 'a' cannot also be a file)");
            f.initCause(e);
            throw f;
        }
    }

    /** The same exception naming the storage path instead of the real one. */
    private static FileSystemException named(FileSystemException e, String path) {
        FileSystemException named;
        String reason = e.getReason();
        if (e instanceof NoSuchFileException) {
            named = new NoSuchFileException(path, null, reason);
        } else if (e instanceof FileAlreadyExistsException) {
            named = new FileAlreadyExistsException(path, null, reason);
        } else if (e instanceof AccessDeniedException) {
            named = new AccessDeniedException(path, null, reason);
        } else if (e instanceof NotDirectoryException) {
            named = new FileSystemException(path, null, "a file on the path is not a directory");
        } else if (e instanceof DirectoryNotEmptyException) {
            named = new FileSystemException(path, null, "is a directory with files in it");
        } else {
            named = new FileSystemException(path, null, reason);
        }
        named.initCause(e);
        return named;
    }

    @Override
    public String toString() {
        return "storage of " + life.name();
    }
}
