package io.moonpool.api.spi;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one rule for the paths of a node's {@code Storage}, shared by the simulated disk ({@code moonpool-storage})
 * and the production one ({@code moonpool-runtime}) so that both accept and reject exactly the same paths, and
 * applied by every {@code Storage} operation before anything else: a path names a file under the disk's root
 * and is normalised lexically, as {@code Path.normalize()} does on Unix (empty and {@code "."} names are dropped,
 * {@code ".."} removes the name before it, a leading {@code "/"} is the root itself), so {@code "./x"},
 * {@code "/x"}, {@code "a/../x"} and {@code "x"} are one file, and the normalised form is the one
 * {@code list()} returns. Rejected with {@link InvalidPathException}: a path naming no file (empty, or the root
 * itself), a {@code ".."} climbing above the root (so no path escapes a node's directory), a NUL character, a
 * name longer than {@value #MAX_NAME_BYTES} bytes or a path longer than {@value #MAX_PATH_BYTES} bytes in UTF-8
 * (Linux's {@code NAME_MAX} and {@code PATH_MAX}).
 *
 * <p>Pure and thread-safe; it touches no file system.
 */
public final class StoragePaths {

    /** The longest file name, in UTF-8 bytes: Linux's {@code NAME_MAX}. */
    public static final int MAX_NAME_BYTES = 255;

    /** The longest path, in UTF-8 bytes: Linux's {@code PATH_MAX}. */
    public static final int MAX_PATH_BYTES = 4096;

    /** How much of a rejected path the exception quotes: an absurdly long one is not repeated whole. */
    private static final int QUOTED = 80;

    private StoragePaths() {}

    /**
     * The normalised form of {@code path}: its names joined by {@code "/"}, without empty, {@code "."} or
     * {@code ".."} names and without a leading {@code "/"}.
     *
     * @param path a path as user code gives it to a {@code Storage} method
     * @return the normalised path, the form {@code Storage.list()} returns
     * @throws NullPointerException if {@code path} is null
     * @throws InvalidPathException if it is not a valid path of a file, saying why (the message quotes at most
     *                              80 characters of it, with NUL shown as {@code \0})
     */
    public static String normalise(String path) {
        Objects.requireNonNull(path, "path");
        if (path.indexOf('\0') >= 0) {
            throw invalid(path, "a NUL character is not allowed in a path");
        }
        int bytes = path.length() <= MAX_PATH_BYTES / 3 ? 0 : utf8Length(path); // at most 3 bytes a char
        if (bytes > MAX_PATH_BYTES) {
            throw invalid(path, "a path may have at most " + MAX_PATH_BYTES + " bytes in UTF-8, this one has " + bytes);
        }
        if (!path.isEmpty() && path.indexOf('/') < 0 && !path.equals(".") && !path.equals("..")) {
            checkName(path, path);
            return path; // the common case, one name: nothing to normalise
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String name = path.substring(start, end);
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw invalid(path, "'..' climbs above the disk's root");
                }
                names.removeLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                checkName(path, name);
                names.add(name);
            }
            start = end + 1;
        }
        if (names.isEmpty()) {
            throw invalid(
                    path,
                    path.isEmpty()
                            ? "the empty path names no file"
                            : "the path names the disk's root directory, not a file");
        }
        return String.join("/", names);
    }

    private static void checkName(String path, String name) {
        int bytes = name.length() <= MAX_NAME_BYTES / 3 ? 0 : utf8Length(name); // at most 3 bytes a char
        if (bytes > MAX_NAME_BYTES) {
            throw invalid(
                    path,
                    "a file name may have at most " + MAX_NAME_BYTES + " bytes in UTF-8, \"" + quoted(name) + "\" has "
                            + bytes);
        }
    }

    /** The UTF-8 length of {@code s}, without encoding it; a lone surrogate counts 3 bytes, an upper bound. */
    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static InvalidPathException invalid(String path, String reason) {
        return new InvalidPathException(quoted(path).replace("\0", "\\0"), reason);
    }

    private static String quoted(String s) {
        return s.length() <= QUOTED ? s : s.substring(0, QUOTED) + "... (" + s.length() + " characters)";
    }
}
