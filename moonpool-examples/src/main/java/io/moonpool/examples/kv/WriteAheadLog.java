package io.moonpool.examples.kv;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import io.moonpool.api.Storage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A replica's write-ahead log: one file of checksummed records, appended, and forced before a write is
 * acknowledged.
 *
 * <p>A record is {@code [int length][int crc][payload]}, {@code crc} the CRC32C of the payload. The payload is
 * {@code [byte kind][key][long version][value]} (an entry) or {@code [byte kind]} (the ready mark, written once
 * the replica holds everything it must: at its first boot, or once it caught up after losing its disk).
 * Replay reads records in order and stops at the first one that is torn (cut short by a crash) or corrupt
 * (its checksum does not match); the log is truncated there, so that new records follow the last good one.
 */
final class WriteAheadLog {

    static final String FILE = "kv.wal";

    private static final byte ENTRY = 1;
    private static final byte READY = 2;
    private static final int MAX_RECORD = 1 << 20;

    private final FileChannel channel;
    private long end;

    private WriteAheadLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens (or creates) the log on this node's disk. */
    static WriteAheadLog open(Storage storage) throws IOException {
        return new WriteAheadLog(storage.open(FILE, CREATE, READ, WRITE));
    }

    /**
     * Replays the log into {@code state} (the highest version of each key wins) and truncates it after the
     * last good record.
     *
     * @return whether the log holds the ready mark
     */
    boolean replay(Map<String, Versioned> state) throws IOException {
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // a read may return fewer bytes than asked: loop until the whole file is in
        }
        all.flip();
        boolean ready = false;
        long good = 0;
        while (all.remaining() >= 8) {
            int length = all.getInt();
            int crc = all.getInt();
            if (length < 1 || length > MAX_RECORD || length > all.remaining()) {
                break; // torn: the crash cut this record short (or its length is garbage)
            }
            byte[] payload = new byte[length];
            all.get(payload);
            CRC32C check = new CRC32C();
            check.update(payload);
            if ((int) check.getValue() != crc) {
                break; // corrupt
            }
            ByteBuffer p = ByteBuffer.wrap(payload);
            byte kind = p.get();
            if (kind == READY) {
                ready = true;
            } else if (kind == ENTRY) {
                String key = readString(p);
                long version = p.getLong();
                Versioned value = new Versioned(version, readString(p));
                Versioned mine = state.get(key);
                if (mine == null || value.newerThan(mine)) {
                    state.put(key, value);
                }
            } else {
                break;
            }
            good += 8 + length;
        }
        if (good < size) {
            channel.truncate(good);
            channel.force(true);
        }
        end = good;
        return ready;
    }

    /** Appends an entry; durable only once {@link #force()} returns. */
    void append(String key, Versioned value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeByte(ENTRY);
        writeString(data, key);
        data.writeLong(value.version());
        writeString(data, value.value());
        appendRecord(bytes.toByteArray());
    }

    /** Appends the ready mark; durable only once {@link #force()} returns. */
    void markReady() throws IOException {
        appendRecord(new byte[] {READY});
    }

    /** Makes every appended record durable. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Closes the file (a graceful shutdown). */
    void close() throws IOException {
        channel.close();
    }

    private void appendRecord(byte[] payload) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(8 + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        long at = end;
        while (record.hasRemaining()) {
            at += channel.write(record, at);
        }
        end = at;
    }

    private static void writeString(DataOutputStream data, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        data.writeInt(b.length);
        data.write(b);
    }

    private static String readString(ByteBuffer p) {
        byte[] b = new byte[p.getInt()];
        p.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
