package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.MoonpoolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report file: what validation can tell before the run, and the error when writing fails anyway. */
class ReportFileTest {

    @Test
    void aFileInADirectoryStillToBeCreatedIsFine(@TempDir Path dir) {
        assertEquals(Optional.empty(), ReportFile.check(dir.resolve("a/b/c/report.json")));
    }

    @Test
    void aRelativePathIsCheckedAndNamedAsAbsolute() {
        Optional<String> problem = ReportFile.check(Path.of("."));
        assertTrue(problem.orElseThrow().contains(Path.of(".").toAbsolutePath().toString()), problem::toString);
    }

    @Test
    void writingWhereItCannotFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = plain.resolve("sub/report.json");
        MoonpoolException e = assertThrows(MoonpoolException.class, () -> ReportFile.write(file, "{}\n"));
        assertTrue(e.getMessage().contains("could not write the report file " + file.toAbsolutePath()), e.getMessage());
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }
}
