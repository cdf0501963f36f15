package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.FaultInjector;
import io.moonpool.faults.AttritionInjector;
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
 * On the module path, injectors are found through the {@code provides} clauses of moonpool-faults and named
 * from their annotation (only {@code ServiceLoader.Provider.type()} is read), beside the class-path ones.
 */
class ModulePathDiscoveryIT {

    @Test
    void providesClausesAreDiscoveredByNameOnTheModulePath() throws Exception {
        Path tests = location(ModulePathDiscoveryIT.class);
        Set<String> modulePath = new LinkedHashSet<>();
        for (Class<?> type : List.of(FaultInjector.class, SimulationBuilder.class, AttritionInjector.class)) {
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
                    && !entry.contains("surefire")) {
                modulePath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens",
                "java.base/java.lang=io.moonpool.sim",
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "--add-modules",
                "io.moonpool.sim,io.moonpool.faults",
                "-cp",
                tests.toString(),
                ModulePathDiscoveryMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("faults module: named"), out);
        // the eleven built-ins through provides, the greeter through this module's META-INF/services
        assertTrue(
                out.contains("unknown fault injector 'chaos_monkey'; discovered: [attrition, greeter,"
                        + " partition_datacenter, partition_isolate_single, partition_isolate_single_oneway, partition_random,"
                        + " partition_random_oneway, partition_split, partition_split_oneway, partition_zone, rolling_restart,"
                        + " swizzle]"),
                out);
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
