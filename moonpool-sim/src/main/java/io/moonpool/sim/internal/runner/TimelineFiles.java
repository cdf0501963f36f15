package io.moonpool.sim.internal.runner;

import io.moonpool.sim.TimelineEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where traced timelines go: one text file per seed under {@code target/moonpool/}, one entry per line. */
public final class TimelineFiles {

    /** The directory the files go to, relative to the working directory (the module's, under Maven). */
    public static final Path DIRECTORY = Path.of("target", "moonpool");

    // the files this JVM has written: a second simulation tracing the same seed (another test class, maybe on
    // another thread at once) writes beside the first rather than over it; a file from an earlier JVM is replaced
    private static final java.util.Set<Path> WRITTEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TimelineFiles() {}

    /**
     * The file of a seed's timeline.
     *
     * @param seed the seed
     * @return {@code target/moonpool/timeline-<seed>.txt}
     */
    public static Path of(long seed) {
        return DIRECTORY.resolve("timeline-" + seed + ".txt");
    }

    /**
     * Writes a seed's timeline to {@link #of(long)}, replacing a file left by an earlier JVM; when this JVM has
     * written that file already, to {@code timeline-<seed>-2.txt}, {@code -3}, ... instead.
     *
     * @param seed    the seed
     * @param entries its entries
     * @return the file written
     * @throws UncheckedIOException if the file cannot be written; the message names it
     */
    static Path write(long seed, List<TimelineEntry> entries) {
        Path file = of(seed);
        for (int n = 2; !WRITTEN.add(file.toAbsolutePath()); n++) {
            file = DIRECTORY.resolve("timeline-" + seed + "-" + n + ".txt");
        }
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("# timeline of seed " + seed + ": time, node, task, what, subject, [value]\n");
                for (TimelineEntry e : entries) {
                    w.write(e.toString());
                    w.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the timeline of seed " + seed + " to " + file.toAbsolutePath() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
