package io.moonpool.sim.internal.worker;

import io.moonpool.sim.internal.runner.Parallelism;
import io.moonpool.sim.internal.runner.SeedRunner;
import io.moonpool.sim.internal.runner.Settings;
import io.moonpool.sim.internal.runner.SimulationConfig;
import io.moonpool.sim.internal.runner.Validation;
import io.moonpool.sim.internal.runner.WireText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The main class of a worker JVM: reads the recipe and the parent's system properties from standard input,
 * rebuilds and validates the simulation, then runs each seed the parent sends and writes back its result and
 * tables. Standard output carries the protocol alone: {@code System.out} goes to standard error first, so that
 * what user code prints cannot corrupt it.
 */
public final class WorkerMain {

    private WorkerMain() {}

    /**
     * Runs a worker until the parent sends {@code QUIT} or closes its standard input (which it does when it
     * exits): one batch (a recipe, then its seeds, then {@code END}) after another.
     *
     * @param args none
     * @throws IOException if the protocol's streams fail
     */
    public static void main(String... args) throws IOException {
        @SuppressWarnings("resource") // standard output, closed when the JVM exits
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        // how the parent runs is the parent's (a flag it was started with, if any reached here): this JVM runs
        // what it is sent
        WorkerPool.RUN_LEVEL.forEach(System::clearProperty);
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        out.writeLong(Wire.MAGIC);
        out.writeInt(Wire.VERSION);
        out.flush();
        if (in.readLong() != Wire.MAGIC) {
            throw new IOException("the parent did not start the protocol: this main class is only for worker"
                    + " JVMs that a parallel Moonpool run starts");
        }
        int version = in.readInt();
        if (version != Wire.VERSION) {
            throw new IOException("protocol version " + version + " from the parent, " + Wire.VERSION
                    + " here: the worker runs another moonpool-sim jar than its parent");
        }
        java.util.Set<String> setBefore = new java.util.HashSet<>();
        // one batch after another: the parent keeps a worker that finished a run for its next run
        while (true) {
            String type;
            try {
                type = WireText.read(in);
            } catch (EOFException e) {
                break;
            }
            SeedRunner runner;
            try {
                String method = WireText.read(in);
                int properties = in.readInt();
                java.util.Set<String> now = new java.util.HashSet<>();
                for (int i = 0; i < properties; i++) {
                    String name = WireText.read(in);
                    System.setProperty(name, WireText.read(in));
                    now.add(name);
                }
                // what the parent's previous run had set and this one does not is gone from the parent too
                setBefore.removeAll(now);
                setBefore.forEach(System::clearProperty);
                setBefore = now;
                Recipe recipe = new Recipe(Class.forName(type, true, ClassLoader.getSystemClassLoader()), method);
                Settings settings = recipe.settings();
                SimulationConfig config = Validation.validate(settings);
                runner = new SeedRunner(config, settings.expected());
                out.writeByte(Wire.READY);
                WireText.write(out, Parallelism.fingerprint(settings));
                out.flush();
            } catch (Throwable e) {
                fatal(out, e);
                return;
            }
            byte command = Wire.END;
            while (true) {
                try {
                    command = in.readByte();
                } catch (EOFException e) {
                    command = Wire.QUIT;
                    break;
                }
                if (command == Wire.REPLAY) {
                    long seed = in.readLong();
                    long stopAt = in.readLong();
                    long[] fingerprints = Wire.readLongs(in);
                    io.moonpool.sim.internal.runner.DeterminismCheck.Replayed replayed;
                    try {
                        replayed = runner.replay(seed, fingerprints, stopAt);
                    } catch (Throwable e) {
                        fatal(out, e);
                        return;
                    }
                    out.writeByte(Wire.REPLAYED);
                    Wire.writeResult(out, replayed.result());
                    Wire.writeRecord(out, replayed.record());
                    out.flush();
                    continue;
                }
                if (command != Wire.RUN) {
                    break;
                }
                int n = in.readInt();
                long[] indexes = new long[n];
                long[] seeds = new long[n];
                for (int i = 0; i < n; i++) {
                    indexes[i] = in.readLong();
                    seeds[i] = in.readLong();
                }
                SeedRunner.Chunk done;
                try {
                    done = runner.run(indexes, seeds);
                } catch (Throwable e) {
                    fatal(out, e); // the parent fails the chunk's seed that killed it; this JVM must not linger
                    return;
                }
                out.writeByte(Wire.RESULT);
                Wire.writeChunk(out, indexes, done);
                out.flush();
            }
            if (command != Wire.END) {
                break;
            }
        }
        out.flush();
        // tasks or threads user code left behind must not keep the worker alive
        System.exit(0);
    }

    /** Tells the parent why this worker stops, then exits: threads user code left must not keep it alive. */
    private static void fatal(DataOutputStream out, Throwable e) throws IOException {
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        out.writeByte(Wire.FATAL);
        WireText.write(out, stack.toString());
        out.flush();
        System.exit(2);
    }
}
