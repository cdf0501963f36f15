package io.moonpool.sim.internal.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Text of any length on the streams between the parent JVM and its worker JVMs: {@code writeUTF} stops at 64 KB,
 * and a failure's message or stack trace can be longer.
 */
public final class WireText {

    private WireText() {}

    /**
     * Writes a string as its UTF-8 length and bytes.
     *
     * @param out  the stream
     * @param text the text
     * @throws IOException if it cannot be written
     */
    public static void write(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param in the stream
     * @return the text
     * @throws IOException if it cannot be read
     */
    public static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative text length (" + n + "): the stream is corrupt");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
