package io.moonpool.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts a fresh JVM on everything the test JVM sees, flattened onto a class path: for tests that must show
 * a seed replays the same in another JVM, or that a JVM without the kernel's flag fails clearly. Shared with
 * other modules' tests through moonpool-sim's test jar.
 */
public final class ForkedJvm {

    private ForkedJvm() {}

    /**
     * What the forked JVM did.
     *
     * @param exitCode its exit code
     * @param output   its standard output and error
     */
    public record Result(int exitCode, String output) {}

    /**
     * Runs {@code main} in a new JVM and waits for it (at most two minutes).
     *
     * @param main           the class whose main method runs
     * @param withKernelFlag whether to give the JVM the {@code --add-opens} flag the kernel needs
     * @param mainArgs       the program arguments
     * @return the exit code and output
     * @throws IOException          if the JVM cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(Class<?> main, boolean withKernelFlag, List<String> mainArgs)
            throws IOException, InterruptedException {
        return run(main, withKernelFlag, List.of(), mainArgs);
    }

    /**
     * Runs {@code main} in a new JVM with options of its own (a heap size, say) and waits for it (at most
     * ten minutes).
     *
     * @param main           the class whose main method runs
     * @param withKernelFlag whether to give the JVM the {@code --add-opens} flag the kernel needs
     * @param jvmOptions     options for the JVM, such as {@code -Xmx128m}
     * @param mainArgs       the program arguments
     * @return the exit code and output
     * @throws IOException          if the JVM cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(Class<?> main, boolean withKernelFlag, List<String> jvmOptions, List<String> mainArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (withKernelFlag) {
            command.add("--add-opens");
            command.add("java.base/java.lang=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(classPath(main));
        command.add(main.getName());
        command.addAll(mainArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("forked JVM did not exit");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Everything the test JVM sees, flattened onto a class path (the fork needs no module path). */
    private static String classPath(Class<?> main) {
        Set<String> entries = new java.util.LinkedHashSet<>();
        addLocation(entries, main);
        addLocation(entries, SimulationBuilder.class);
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(Arrays.asList(value.split(java.io.File.pathSeparator)));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void addLocation(Set<String> entries, Class<?> type) {
        try {
            entries.add(Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
