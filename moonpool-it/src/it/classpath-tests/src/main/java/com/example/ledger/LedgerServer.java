package com.example.ledger;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** Adds up deposits: each one is appended to its disk and synced, then answered with the running total. */
public final class LedgerServer implements SimProcess {

    /** The port it listens on. */
    public static final int PORT = 7000;

    @Override
    public void run(SimContext ctx) throws Exception {
        try (FileChannel file = ctx.storage()
                .open("ledger", StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long[] total = {0};
            ByteBuffer entry = ByteBuffer.allocate(Long.BYTES);
            while (file.read(entry) == Long.BYTES) {
                total[0] += entry.flip().getLong();
                entry.clear();
            }
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            while (true) {
                Connection c = listener.accept();
                DataInputStream in = new DataInputStream(c.input());
                DataOutputStream out = new DataOutputStream(c.output());
                try {
                    long amount = in.readLong();
                    file.write(ByteBuffer.allocate(Long.BYTES).putLong(0, amount));
                    file.force(false);
                    total[0] += amount;
                    out.writeLong(total[0]);
                    out.flush();
                } catch (EOFException e) {
                    // the client went away
                }
                c.close();
            }
        }
    }
}
