package io.moonpool.junit.internal;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.MoonpoolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed corpus of one test class: a text file, {@code <directory>/<fully qualified class name>.seeds}, with
 * a line per seed that once failed. A line is tab-separated: the seed (decimal), the method's name, the ISO date
 * it was added (UTC) and the first line of its failure; blank lines and lines starting with {@code #} are
 * ignored, and a file that does not exist is an empty corpus. Lines are only ever appended: a seed that passes
 * again stays, as a regression test.
 *
 * <p>Read and written by the engine outside the simulated world, with the real file system.
 */
final class SeedCorpus {

    private static final String HEADER = "# Moonpool seed corpus: seeds that failed once, run first by @SimulationTest."
            + " Commit this file.%n# seed<TAB>method<TAB>date (UTC)<TAB>first line of the failure%n";

    private final Path file;

    private SeedCorpus(Path file) {
        this.file = file;
    }

    /**
     * The corpus of a test class.
     *
     * @param directory the corpus directory, normally {@code src/test/resources/moonpool}
     * @param testClass the class
     * @return its corpus, read when asked
     */
    static SeedCorpus of(Path directory, Class<?> testClass) {
        return new SeedCorpus(directory.resolve(testClass.getName() + ".seeds"));
    }

    Path file() {
        return file;
    }

    /**
     * A line of the file.
     *
     * @param seed    the seed
     * @param method  the method's name
     * @param date    the ISO date it was added
     * @param failure the first line of its failure, without tabs or line breaks
     */
    record Entry(long seed, String method, String date, String failure) {

        String line() {
            return seed + "\t" + method + "\t" + date + "\t"
                    + failure.replace('\t', ' ').replaceAll("\\R", " ");
        }
    }

    /**
     * The entries, in file order.
     *
     * @return them; empty when the file does not exist
     * @throws ConfigurationException if a line is not an entry, naming the file, the line and the fix
     * @throws MoonpoolException      if the file cannot be read
     */
    List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MoonpoolException("cannot read the seed corpus " + file + ": " + e, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 4);
            Long seed = fields.length >= 2 ? parseSeed(fields[0]) : null;
            if (seed == null || fields[1].isBlank()) {
                throw new ConfigurationException(List.of("line " + (i + 1) + " of the seed corpus " + file
                        + " is not 'seed<TAB>method<TAB>date<TAB>failure' (" + line + "): fix or delete it"));
            }
            entries.add(new Entry(
                    seed, fields[1].trim(), fields.length > 2 ? fields[2] : "", fields.length > 3 ? fields[3] : ""));
        }
        return entries;
    }

    /**
     * The seeds of one method, in file order, each once.
     *
     * @param method the method's name
     * @return the seeds
     */
    List<Long> seeds(String method) {
        List<Long> seeds = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.method().equals(method) && !seeds.contains(e.seed())) {
                seeds.add(e.seed());
            }
        }
        return seeds;
    }

    /**
     * Appends entries, creating the file (with a header saying what it is) and its directories if needed.
     *
     * @param added the entries
     * @throws MoonpoolException if the file cannot be written, naming it and how to turn writing off
     */
    void append(List<Entry> added) {
        StringBuilder sb = new StringBuilder();
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                sb.append(String.format(HEADER));
            }
            for (Entry e : added) {
                sb.append(e.line()).append(System.lineSeparator());
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new MoonpoolException(
                    "cannot append to the seed corpus " + file + ": " + e + " (-D"
                            + SimulationExecution.CORPUS_PARAMETER + "=false turns writing off)",
                    e);
        }
    }

    private static Long parseSeed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
