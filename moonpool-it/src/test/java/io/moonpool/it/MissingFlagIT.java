package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a JVM given the wrong flag for its layout, {@code run()} names the right one: on the class path
 * {@code ALL-UNNAMED} (the README's old advice {@code =io.moonpool.sim} is only warned about by the JVM, as an
 * unknown module), on the module path {@code io.moonpool.sim}. Two JVMs of the real layouts; the wording for each
 * case is {@code MissingFlagMessageTest}'s.
 */
class MissingFlagIT {

    @Test
    void onTheClassPathTheModuleNameIsAnUnknownModuleAndTheMessageNamesAllUnnamed() throws Exception {
        String out = run(List.of(
                "--add-opens=java.base/java.lang=io.moonpool.sim",
                "-cp",
                System.getProperty("java.class.path"),
                MissingFlagMain.class.getName()));
        assertTrue(out.contains("WARNING: Unknown module: io.moonpool.sim specified to --add-opens"), out);
        assertTrue(out.contains("Moonpool is on the class path in this JVM"), out);
        assertTrue(out.contains("Start the JVM with `--add-opens=java.base/java.lang=ALL-UNNAMED`"), out);
        assertTrue(out.contains("The JVM was started with `--add-opens=java.base/java.lang=io.moonpool.sim`"), out);
        assertFalse(out.contains("no problem reported"), out);
    }

    @Test
    void onTheModulePathAllUnnamedOpensTheClassPathOnlyAndTheMessageNamesTheModule() throws Exception {
        Path tests = location(MissingFlagIT.class);
        Set<String> modulePath = new LinkedHashSet<>();
        for (Class<?> type : List.of(Workload.class, SimulationBuilder.class)) {
            modulePath.add(location(type).toString());
        }
        // the simulator's own dependencies (Guice and the rest), as the test JVM has them
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()
                    && !Path.of(entry).equals(tests)
                    && entry.endsWith(".jar")
                    && !entry.contains("junit")
                    && !entry.contains("opentest4j")
                    && !entry.contains("apiguardian")
                    && !entry.contains("surefire")
                    && !entry.contains("archunit")) {
                modulePath.add(entry);
            }
        }
        String out = run(List.of(
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "--add-modules",
                "io.moonpool.sim",
                "-cp",
                tests.toString(),
                MissingFlagMain.class.getName()));
        assertTrue(out.contains("Moonpool is on the module path in this JVM (the module io.moonpool.sim"), out);
        assertTrue(out.contains("Start the JVM with `--add-opens=java.base/java.lang=io.moonpool.sim`"), out);
        assertTrue(
                out.contains("`--add-opens=java.base/java.lang=ALL-UNNAMED`, which opens java.lang to the class"
                        + " path only"),
                out);
        assertFalse(out.contains("no problem reported"), out);
    }

    private static String run(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dguice_bytecode_gen_option=DISABLED");
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
