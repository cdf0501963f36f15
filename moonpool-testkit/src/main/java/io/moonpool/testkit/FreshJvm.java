package io.moonpool.testkit;

import io.moonpool.sim.SimulationBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The fresh JVM of {@link ResourcePluginContract#theSameSeedGivesTheSameTraceInAFreshJvm}: starts one on
 * everything the test JVM sees, flattened onto a class path, and its {@link #main} writes the contract's
 * traces there into a file (not to standard output, which the simulation's logging shares).
 */
final class FreshJvm {

    private FreshJvm() {}

    /**
     * The traces of a concrete contract class, computed in a fresh JVM.
     *
     * @throws IOException          if the JVM cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    static List<String> traces(Class<? extends ResourcePluginContract> type, long[] seeds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens"); // what the kernel needs, on the class path
        command.add("java.base/java.lang=ALL-UNNAMED");
        command.add("-cp");
        command.add(classPath(type));
        Path traces = Files.createTempFile("moonpool-traces", ".txt");
        command.add(FreshJvm.class.getName());
        command.add(traces.toString());
        command.add(type.getName());
        for (long seed : seeds) {
            command.add(Long.toString(seed));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes(); // ends when the fork exits
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the fresh JVM did not exit within two minutes");
        }
        try {
            if (process.exitValue() != 0) {
                throw new AssertionError("the fresh JVM exited with " + process.exitValue() + ":\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
            return Files.readAllLines(traces, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(traces);
        }
    }

    /**
     * Writes the traces of a contract class into a file, one per line.
     *
     * @param args the file, the concrete class's name, then the seeds
     * @throws ReflectiveOperationException when the class cannot be made with its no-argument constructor
     * @throws IOException                  when the file cannot be written
     */
    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        var constructor =
                Class.forName(args[1]).asSubclass(ResourcePluginContract.class).getDeclaredConstructor();
        constructor.setAccessible(true); // test classes are often package-private; this is the class path
        ResourcePluginContract contract = constructor.newInstance();
        long[] seeds = Arrays.stream(args).skip(2).mapToLong(Long::parseLong).toArray();
        Files.write(Path.of(args[0]), ResourcePluginContract.traces(contract, seeds), StandardCharsets.UTF_8);
    }

    /** Everything the test JVM sees, flattened onto a class path (the fork needs no module path). */
    private static String classPath(Class<?> type) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(type, FreshJvm.class, SimulationBuilder.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(Arrays.asList(value.split(File.pathSeparator)));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
