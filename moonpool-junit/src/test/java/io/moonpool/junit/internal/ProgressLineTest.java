package io.moonpool.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.sim.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLineTest {

    @Test
    void aQuickRunPrintsNothingAndALongOneALineEveryInterval() {
        List<String> lines = new ArrayList<>();
        ProgressLine progress = new ProgressLine("T.m", Duration.ofSeconds(5), lines::add);
        progress.accept(new Progress(100, 0, 3, 1, Duration.ofSeconds(4)));
        assertEquals(List.of(), lines, "under one interval: silent");
        progress.accept(new Progress(125, 1, 4, 1, Duration.ofMillis(5_000)));
        progress.accept(new Progress(126, 1, 4, 1, Duration.ofMillis(9_999)));
        progress.accept(new Progress(300, 2, 4, 0, Duration.ofSeconds(23)));
        progress.accept(new Progress(301, 2, 4, 0, Duration.ofMillis(24_999)));
        assertEquals(
                List.of(
                        "moonpool: T.m: 125 iterations, 1 failed, 25/s, assertions 4 seen, 1 unsatisfied, after 5s",
                        "moonpool: T.m: 300 iterations, 2 failed, 13/s, assertions 4 seen, 0 unsatisfied, after 23s"),
                lines);
    }

    @Test
    void durationsInAnnotationsAreIsoOrANumberAndAUnit() {
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s", "x"));
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms", "x"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("PT2M", "x"));
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> DurationText.parse("soon", "@SimulationTest(timeLimit)"));
        assertTrue(e.getMessage().contains("@SimulationTest(timeLimit) = \"soon\" is not a duration"), e.getMessage());
    }

    @Test
    void aCorpusLineThatIsNotAnEntryNamesTheFileAndTheLine(@TempDir Path dir) throws Exception {
        SeedCorpus corpus = SeedCorpus.of(dir, ProgressLineTest.class);
        Files.writeString(corpus.file(), "# ok\n\n12\tm\t2026-01-01\tfine\n12\tm\t-\tagain\n3\tother\t-\t-\n");
        assertEquals(List.of(12L), corpus.seeds("m"));
        Files.writeString(corpus.file(), "not-a-seed\tm\n", java.nio.file.StandardOpenOption.APPEND);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> corpus.seeds("m"));
        assertTrue(e.getMessage().contains("line 6 of the seed corpus " + corpus.file()), e.getMessage());
    }
}
