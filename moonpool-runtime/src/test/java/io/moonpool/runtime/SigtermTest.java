package io.moonpool.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a JVM running a node shuts it down gracefully: the process sees the signal and finishes, and the
 * failure of a task nobody joined is logged as the node stops.
 */
class SigtermTest {

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sigtermFiresTheShutdownSignalThroughTheHook(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        String classPath = String.join(
                File.pathSeparator,
                locationOf(SigtermNode.class),
                locationOf(NodeRuntime.class),
                locationOf(SimContext.class));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add(SigtermNode.class.getName());
        command.add(marker.toString());
        Process p = new ProcessBuilder(command)
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("started", out.readLine(), () -> stderr(dir));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the node's JVM did not exit after SIGTERM");
            assertTrue(Files.exists(marker), () -> "the process never saw Shutdown; " + stderr(dir));
            assertEquals("shutdown observed by 127.0.0.1", Files.readString(marker));
            String err = stderr(dir);
            assertTrue(err.contains("task 'doomed' of node 127.0.0.1 failed and nobody joined it"), err);
            assertTrue(err.contains("IllegalStateException: a failure nobody joined"), err);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String stderr(Path dir) {
        try {
            return "stderr: " + Files.readString(dir.resolve("stderr"));
        } catch (java.io.IOException e) {
            return "no stderr: " + e;
        }
    }
}
