package io.moonpool.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A small replicated key-value store written as a test process: every write is appended to a write-ahead log
 * with a checksum, forced, then acknowledged; at boot the log is replayed (up to the first torn or corrupt
 * record) and the server catches up from its peers. The wrong variant acknowledges before forcing and forces
 * only now and then.
 */
final class WalKvStore implements SimProcess {

    static final int PORT = 7000;

    /** A value and its version; a higher version wins. */
    record Versioned(long version, String value) {}

    private final boolean acknowledgeBeforeForce;
    private final Map<String, Versioned> state = new TreeMap<>();
    private FileChannel wal;

    WalKvStore(boolean acknowledgeBeforeForce) {
        this.acknowledgeBeforeForce = acknowledgeBeforeForce;
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        wal = ctx.storage().open("wal", CREATE, READ, WRITE);
        replay();
        Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
        catchUp(ctx);
        if (acknowledgeBeforeForce) {
            ctx.tasks().spawn("lazy-flusher", () -> {
                while (true) {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    wal.force(false);
                }
            });
        }
        ctx.tasks().spawn("acceptor", () -> {
            while (true) {
                Connection c = listener.accept();
                ctx.tasks().spawn("session", () -> serve(c));
            }
        });
        ctx.shutdown().await();
    }

    private Object serve(Connection c) throws IOException {
        try (c) {
            String line;
            while ((line = readLine(c.input())) != null) {
                String[] cmd = line.split(" ", 4);
                switch (cmd[0]) {
                    case "PUT" -> {
                        Versioned v = new Versioned(Long.parseLong(cmd[2]), cmd[3]);
                        if (acknowledgeBeforeForce) {
                            append(cmd[1], v);
                            apply(cmd[1], v);
                            send(c.output(), "OK");
                        } else {
                            append(cmd[1], v);
                            wal.force(false);
                            apply(cmd[1], v);
                            send(c.output(), "OK");
                        }
                    }
                    case "GET" -> {
                        Versioned v = state.get(cmd[1]);
                        send(c.output(), v == null ? "NONE" : "VAL " + v.version() + " " + v.value());
                    }
                    case "DUMP" -> {
                        StringBuilder sb = new StringBuilder();
                        for (Map.Entry<String, Versioned> e : state.entrySet()) {
                            sb.append(e.getKey())
                                    .append(' ')
                                    .append(e.getValue().version())
                                    .append(' ')
                                    .append(e.getValue().value())
                                    .append('\n');
                        }
                        sb.append("END");
                        send(c.output(), sb.toString());
                    }
                    default -> throw new IllegalStateException("unknown command " + line);
                }
            }
        } catch (IOException dropped) {
            // the client went away or the connection was reset: nothing to answer
        }
        return null;
    }

    private void apply(String key, Versioned v) {
        Versioned old = state.get(key);
        if (old == null || old.version() < v.version()) {
            state.put(key, v);
        }
    }

    /** Reads every peer's state and keeps the newest of each key, logging what was new. */
    private void catchUp(SimContext ctx) throws Exception {
        boolean learned = false;
        for (InetAddress peer : ctx.topology().processIps()) {
            if (peer.equals(ctx.ip())) {
                continue;
            }
            try {
                String dump = ctx.time().timeout(Duration.ofSeconds(1), () -> {
                    try (Connection c = ctx.network().connect(new InetSocketAddress(peer, PORT))) {
                        send(c.output(), "DUMP");
                        StringBuilder sb = new StringBuilder();
                        String line;
                        while (!"END".equals(line = readLine(c.input())) && line != null) {
                            sb.append(line).append('\n');
                        }
                        return line == null ? null : sb.toString();
                    }
                });
                if (dump == null) {
                    continue;
                }
                for (String line : dump.split("\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] f = line.split(" ", 3);
                    Versioned v = new Versioned(Long.parseLong(f[1]), f[2]);
                    Versioned mine = state.get(f[0]);
                    if (mine == null || mine.version() < v.version()) {
                        append(f[0], v);
                        apply(f[0], v);
                        learned = true;
                    }
                }
            } catch (IOException | java.util.concurrent.TimeoutException unreachable) {
                // that peer is down or still booting: catch up from the others
            }
        }
        if (learned) {
            wal.force(false);
        }
    }

    // record: [int keyLen][int valueLen][long version][key][value][long crc of everything before]
    private void append(String key, Versioned v) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] val = v.value().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + k.length + val.length + 8);
        b.putInt(k.length).putInt(val.length).putLong(v.version()).put(k).put(val);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue()).flip();
        wal.write(b, wal.size());
    }

    /** Replays the log up to the first torn or corrupt record, and cuts the log there. */
    private void replay() throws IOException {
        long pos = 0;
        long size = wal.size();
        while (pos + 16 <= size) {
            ByteBuffer head = ByteBuffer.allocate(16);
            wal.read(head, pos);
            head.flip();
            int kl = head.getInt();
            int vl = head.getInt();
            long version = head.getLong();
            if (kl < 0 || vl < 0 || kl > 1 << 16 || vl > 1 << 16 || pos + 24 + kl + vl > size) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(kl + vl + 8);
            wal.read(body, pos + 16);
            body.flip();
            CRC32 crc = new CRC32();
            crc.update(head.array(), 0, 16);
            crc.update(body.array(), 0, kl + vl);
            if (body.getLong(kl + vl) != crc.getValue()) {
                break;
            }
            String key = new String(body.array(), 0, kl, StandardCharsets.UTF_8);
            String value = new String(body.array(), kl, vl, StandardCharsets.UTF_8);
            apply(key, new Versioned(version, value));
            pos += 24 + kl + vl;
        }
        if (pos < size) {
            wal.truncate(pos);
            wal.force(true);
        }
    }

    static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }
}
