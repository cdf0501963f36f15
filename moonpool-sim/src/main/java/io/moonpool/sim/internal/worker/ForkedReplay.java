package io.moonpool.sim.internal.worker;

import io.moonpool.api.MoonpoolException;
import io.moonpool.sim.internal.runner.DeterminismCheck;
import io.moonpool.sim.internal.runner.DeterminismRecord;
import io.moonpool.sim.internal.runner.WireText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The determinism check's second runs in a worker JVM ({@code -Dmoonpool.checkDeterminism=fork}): a fresh launch
 * of the JVM, so what the JDK salts per launch (the iteration order of {@code Set.of} and {@code Map.of}) differs
 * from this JVM's, where the first runs ran. One worker serves the whole run, one seed at a time; it is stopped by
 * {@link #close()}.
 */
public final class ForkedReplay implements DeterminismCheck.Replay, AutoCloseable {

    private static final long EXIT_WAIT_MILLIS = 10_000;

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread stderrDrain;
    private volatile boolean died;

    /**
     * Starts the worker and waits until it has rebuilt the simulation.
     *
     * @param recipe      the method that makes the simulation
     * @param fingerprint the configuration's fingerprint, which the rebuilt one must equal
     * @throws MoonpoolException if the worker cannot start, fails to rebuild the simulation, or rebuilds another
     */
    public ForkedReplay(Recipe recipe, String fingerprint) {
        List<String> command = WorkerPool.command();
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new MoonpoolException(
                    "could not start a worker JVM for -Dmoonpool.checkDeterminism=fork (" + command.getFirst() + "): "
                            + e,
                    e);
        }
        stderrDrain = Thread.ofPlatform()
                .daemon()
                .name("moonpool-determinism-worker-stderr")
                .start(() -> WorkerPool.drain(process, stderr));
        out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try {
            out.writeLong(Wire.MAGIC);
            out.writeInt(Wire.VERSION);
            WorkerPool.writeBatch(out, recipe);
            WorkerPool.skipToMagic(in);
            int version = in.readInt();
            if (version != Wire.VERSION) {
                throw new IOException("the worker speaks protocol version " + version + ", this JVM " + Wire.VERSION
                        + ": its class path has another moonpool-sim jar");
            }
            byte kind = in.readByte();
            if (kind == Wire.FATAL) {
                throw new IOException("it could not rebuild the simulation from " + recipe + ": " + WireText.read(in));
            }
            if (kind != Wire.READY) {
                throw new IOException("unknown message " + kind + " from the worker: the protocol broke");
            }
            String theirs = WireText.read(in);
            if (!theirs.equals(fingerprint)) {
                throw new IOException("the recipe " + recipe + " made another simulation than the one run: here "
                        + fingerprint + ", there " + theirs + "; the source method must configure everything the"
                        + " iterations run");
            }
        } catch (IOException e) {
            close();
            throw failure("could not start", e);
        }
    }

    @Override
    public DeterminismCheck.Replayed run(DeterminismRecord reference, long stopAt) {
        try {
            out.writeByte(Wire.REPLAY);
            out.writeLong(reference.seed());
            out.writeLong(stopAt);
            Wire.writeLongs(out, reference.fingerprints());
            out.flush();
            byte kind = in.readByte();
            if (kind == Wire.FATAL) {
                // the replay threw in the worker: the framework's fault, not a seed that killed its JVM
                String stack = WireText.read(in);
                close();
                throw new MoonpoolException("the worker JVM of -Dmoonpool.checkDeterminism=fork failed while it"
                        + " replayed seed " + reference.seed() + ": " + stack);
            }
            if (kind != Wire.REPLAYED) {
                throw new IOException("unknown message " + kind + " from the worker: the protocol broke");
            }
            return new DeterminismCheck.Replayed(Wire.readResult(in), Wire.readRecord(in));
        } catch (IOException e) {
            died = true;
            close();
            throw failure("died while it replayed seed " + reference.seed(), e);
        }
    }

    /**
     * Whether the worker died while it replayed a seed: that seed fails, and the next seed needs another worker.
     *
     * @return whether it died in {@link #run}
     */
    public boolean died() {
        return died;
    }

    private MoonpoolException failure(String what, IOException e) {
        String last;
        synchronized (stderr) {
            last = stderr.isEmpty() ? "(nothing)" : String.join(System.lineSeparator() + "  ", stderr);
        }
        String exit = process.isAlive() ? "" : "; exit code " + process.exitValue();
        return new MoonpoolException(
                "the worker JVM of -Dmoonpool.checkDeterminism=fork " + what + ": "
                        + (e instanceof EOFException ? "it closed its output" : e.getMessage()) + exit
                        + "; its last lines on standard error:" + System.lineSeparator() + "  " + last,
                e);
    }

    /** Stops the worker: it exits when its input closes; a worker that does not is killed. */
    @Override
    public void close() {
        try {
            out.writeByte(Wire.QUIT);
            out.close();
        } catch (IOException e) {
            // it is gone already
        }
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            stderrDrain.join(EXIT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
