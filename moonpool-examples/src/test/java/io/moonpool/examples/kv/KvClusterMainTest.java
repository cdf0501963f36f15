package io.moonpool.examples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-cluster main, bounded: three replicas on 127.0.0.41-43 (addresses no other test uses) and a client on
 * 127.0.0.44, a fixed port, data under a temporary directory; a graceful shutdown and a crash, and every
 * acknowledged write is still readable.
 */
class KvClusterMainTest {

    private static final int PORT = 17_143;

    @Test
    void everyAcknowledgedWriteIsReadableAfterAGracefulShutdownAndACrash(@TempDir Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KvClusterMain.Settings settings = KvClusterMain.Settings.defaults()
                .with(
                        "ips=127.0.0.41,127.0.0.42,127.0.0.43",
                        "client=127.0.0.44",
                        "port=" + PORT,
                        "dir=" + dir,
                        "timeout=30s");
        int status = KvClusterMain.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("shutting 127.0.0.43 down gracefully"), output);
        assertTrue(output.contains("crashing 127.0.0.41"), output);
        assertTrue(output.contains("OK: every acknowledged write (50)"), output);
        assertTrue(Files.exists(dir.resolve("127.0.0.41").resolve("kv.wal")), output);
    }

    @Test
    void badArgumentsNameTheSettingAndTheFix() {
        IllegalArgumentException port = assertThrows(
                IllegalArgumentException.class,
                () -> KvClusterMain.Settings.defaults().with("port=0"));
        assertTrue(port.getMessage().contains("port: 0"), port.getMessage());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> KvClusterMain.Settings.defaults().with("nodes=3"));
        assertTrue(unknown.getMessage().contains("use ips="), unknown.getMessage());
    }
}
