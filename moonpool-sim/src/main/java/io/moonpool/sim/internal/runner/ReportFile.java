package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file {@code SimulationBuilder.reportFile(path)} writes the report's JSON to: checked when the run is
 * validated, written when it ends.
 */
public final class ReportFile {

    private ReportFile() {}

    /**
     * What can be known before the run about whether the file can be written: it is not a directory, and its
     * nearest existing ancestor is a writable directory (where the missing ones will be created).
     *
     * @param file the file
     * @return the problem, naming the path and the fix, or empty
     */
    static Optional<String> check(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return Optional.of("reportFile " + absolute + " is a directory: give a file in it, e.g."
                    + " .reportFile(Path.of(\"target/moonpool-report.json\"))");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            return Optional.of("reportFile " + absolute + " exists and is not writable: give a writable file,"
                    + " e.g. .reportFile(Path.of(\"target/moonpool-report.json\"))");
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(ancestor)) {
            return Optional.of(
                    "reportFile " + absolute + " cannot be created: " + ancestor + " is a file, not a"
                            + " directory; give a path under a directory, e.g. .reportFile(Path.of(\"target/moonpool-report.json\"))");
        }
        if (!Files.isWritable(ancestor)) {
            return Optional.of("reportFile " + absolute + " cannot be created: the directory " + ancestor
                    + " is not writable; give a path under a writable directory, e.g."
                    + " .reportFile(Path.of(\"target/moonpool-report.json\"))");
        }
        return Optional.empty();
    }

    /**
     * Where a shard writes its report when no {@code reportFile(...)} is given.
     *
     * @param shard the shard
     * @return {@code target/moonpool/report-shard-i-of-n.json}
     */
    public static Path ofShard(Shard shard) {
        return Path.of("target", "moonpool", "report-shard-" + shard.index() + "-of-" + shard.count() + ".json");
    }

    /**
     * Writes the JSON, creating the parent directories.
     *
     * @param file the file
     * @param json the report's JSON
     * @throws MoonpoolException naming the file, if it cannot be written
     */
    public static void write(Path file, String json) {
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(absolute, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MoonpoolException(
                    "could not write the report file " + absolute + " (" + e + "): give .reportFile(path) a file"
                            + " in a writable directory",
                    e);
        }
    }
}
