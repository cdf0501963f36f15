package io.moonpool.examples.kv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The store's framed binary protocol, spoken by clients and replicas alike over one connection per
 * request-reply exchange at a time.
 *
 * <p>A frame is {@code [int length][byte type][payload][int crc]}: {@code length} counts the type, the payload
 * and the checksum; {@code crc} is the CRC32C of the type and the payload, so a flipped bit on the wire is a
 * {@link CorruptFrameException} and the connection is dropped rather than believed. Strings are
 * {@link DataOutputStream#writeUTF modified UTF-8}. Reads loop until a frame is complete, so a stream that
 * delivers a frame in pieces is read correctly.
 */
final class Wire {

    /** The longest frame accepted: a dump of the whole store must fit. */
    static final int MAX_FRAME = 16 << 20;

    private static final byte PUT = 1;
    private static final byte GET = 2;
    private static final byte DUMP = 3;
    private static final byte OK = 10;
    private static final byte VALUE = 11;
    private static final byte ENTRIES = 12;
    private static final byte NOT_READY = 13;
    private static final byte FAILED = 14;

    private Wire() {}

    /** A request or a reply. */
    sealed interface Message permits Put, Get, Dump, Ok, Value, Entries, NotReady, Failed {}

    /** Store {@code value} under {@code key} if it is newer than what the replica holds; answered by Ok. */
    record Put(String key, Versioned value) implements Message {}

    /** Read {@code key}; answered by Value. */
    record Get(String key) implements Message {}

    /** Send everything you hold; answered by Entries (a replica that catches up asks its peers). */
    record Dump() implements Message {}

    /** The put is durable on this replica. */
    record Ok() implements Message {}

    /** The replica's value of the key asked for ({@link Versioned#ABSENT} if none). */
    record Value(Versioned value) implements Message {}

    /** Every key the replica holds, in key order. */
    record Entries(Map<String, Versioned> entries) implements Message {}

    /** The replica is still catching up after losing its disk: it neither serves nor votes yet. */
    record NotReady() implements Message {}

    /** The replica could not make the put durable (its disk failed a force). */
    record Failed(String reason) implements Message {}

    /** A frame whose checksum, length or type is wrong. */
    static final class CorruptFrameException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptFrameException(String message) {
            super(message);
        }
    }

    /** Writes one frame and flushes it. */
    static void write(OutputStream out, Message message) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        switch (message) {
            case Put p -> {
                data.writeByte(PUT);
                data.writeUTF(p.key());
                writeVersioned(data, p.value());
            }
            case Get g -> {
                data.writeByte(GET);
                data.writeUTF(g.key());
            }
            case Dump d -> data.writeByte(DUMP);
            case Ok o -> data.writeByte(OK);
            case Value v -> {
                data.writeByte(VALUE);
                writeVersioned(data, v.value());
            }
            case Entries e -> {
                data.writeByte(ENTRIES);
                data.writeInt(e.entries().size());
                for (Map.Entry<String, Versioned> entry : e.entries().entrySet()) {
                    data.writeUTF(entry.getKey());
                    writeVersioned(data, entry.getValue());
                }
            }
            case NotReady n -> data.writeByte(NOT_READY);
            case Failed f -> {
                data.writeByte(FAILED);
                data.writeUTF(f.reason());
            }
        }
        byte[] bytes = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer frame = ByteBuffer.allocate(4 + bytes.length + 4);
        frame.putInt(bytes.length + 4).put(bytes).putInt((int) crc.getValue());
        out.write(frame.array());
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @return the message, or null if the stream ended cleanly before a new frame
     * @throws EOFException          if the stream ended inside a frame
     * @throws CorruptFrameException if the frame is damaged
     */
    static Message read(InputStream in) throws IOException {
        byte[] head = new byte[4];
        int got = readFully(in, head);
        if (got == 0) {
            return null;
        }
        if (got < head.length) {
            throw new EOFException("the stream ended inside a frame's length");
        }
        int length = ByteBuffer.wrap(head).getInt();
        if (length < 5 || length > MAX_FRAME) {
            throw new CorruptFrameException("frame length " + length + " out of range");
        }
        byte[] rest = new byte[length];
        if (readFully(in, rest) < length) {
            throw new EOFException("the stream ended inside a frame");
        }
        CRC32C crc = new CRC32C();
        crc.update(rest, 0, length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(rest, length - 4, 4).getInt()) {
            throw new CorruptFrameException("frame checksum mismatch");
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(rest, 0, length - 4));
        try {
            byte type = data.readByte();
            return switch (type) {
                case PUT -> new Put(data.readUTF(), readVersioned(data));
                case GET -> new Get(data.readUTF());
                case DUMP -> new Dump();
                case OK -> new Ok();
                case VALUE -> new Value(readVersioned(data));
                case ENTRIES -> {
                    int count = data.readInt();
                    Map<String, Versioned> entries = new LinkedHashMap<>();
                    for (int i = 0; i < count; i++) {
                        entries.put(data.readUTF(), readVersioned(data));
                    }
                    yield new Entries(entries);
                }
                case NOT_READY -> new NotReady();
                case FAILED -> new Failed(data.readUTF());
                default -> throw new CorruptFrameException("unknown frame type " + type);
            };
        } catch (EOFException | IllegalArgumentException e) {
            throw new CorruptFrameException("malformed frame: " + e.getMessage());
        }
    }

    /** Reads until {@code buffer} is full or the stream ends; returns how many bytes were read. */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static void writeVersioned(DataOutputStream data, Versioned value) throws IOException {
        data.writeLong(value.version());
        data.writeUTF(value.value());
    }

    private static Versioned readVersioned(DataInputStream data) throws IOException {
        return new Versioned(data.readLong(), data.readUTF());
    }
}
