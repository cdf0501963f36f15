package io.moonpool.sim.internal.worker;

import io.moonpool.api.FailureKind;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.LifecycleEntry;
import io.moonpool.sim.Phase;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.TimelineEntry;
import io.moonpool.sim.internal.runner.AssertionTable;
import io.moonpool.sim.internal.runner.BuggifyTable;
import io.moonpool.sim.internal.runner.MetricsTable;
import io.moonpool.sim.internal.runner.WireText;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The protocol between the parent JVM and a worker JVM, on the worker's standard input and output, with
 * {@link DataOutputStream}: after {@link #MAGIC} and {@link #VERSION} each way, the parent sends a batch header
 * (the recipe, the system properties), then {@link #RUN} (a chunk: consecutive iterations' indexes and seeds)
 * as often as it likes, then {@link #END} (the worker waits for the next batch's header) or {@link #QUIT}; the
 * worker answers, per chunk, one {@link #RESULT} (every iteration's index and result, then the tables the chunk
 * filled together); before that, {@link #READY} (with the
 * fingerprint of the configuration it rebuilt), {@link #RESULT} (the index, the result, the seed's tables) or
 * {@link #FATAL} (a message). Versioned: both sides are the same jar, but a stale worker class path would
 * otherwise fail obscurely.
 */
final class Wire {

    /** Written first by both sides; a worker's stdout before it (a JVM warning) is skipped. */
    static final long MAGIC = 0x4D6F6F6E706F6F6CL; // "Moonpool"

    /** The protocol's version. */
    static final int VERSION = 1;

    static final byte RUN = 1;
    static final byte QUIT = 2;
    static final byte READY = 3;
    static final byte RESULT = 4;
    static final byte FATAL = 5;
    static final byte END = 6;
    static final byte REPLAY = 7;
    static final byte REPLAYED = 8;

    private Wire() {}

    /** One seed's outcome as a worker sends it back: the result and what it added to each table. */
    record Outcome(
            long index, RunResult result, AssertionTable assertions, BuggifyTable buggify, MetricsTable metrics) {}

    /** Writes a chunk's results and tables. */
    static void writeChunk(DataOutputStream out, long[] indexes, io.moonpool.sim.internal.runner.SeedRunner.Chunk c)
            throws IOException {
        out.writeInt(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            out.writeLong(indexes[i]);
            writeResult(out, c.results().get(i));
        }
        c.assertions().writeTo(out);
        c.buggify().writeTo(out);
        Map<String, long[]> buckets = c.metrics().buckets();
        out.writeInt(buckets.size());
        for (Map.Entry<String, long[]> e : buckets.entrySet()) {
            WireText.write(out, e.getKey());
            writeLongs(out, e.getValue());
        }
    }

    /**
     * Reads a chunk as one outcome per iteration: the last carries the chunk's tables, the others empty ones, so
     * that merging them in order gives what merging the chunk's tables after its predecessors' gives.
     */
    static List<Outcome> readChunk(DataInputStream in, List<String> expected) throws IOException {
        int n = in.readInt();
        long[] indexes = new long[n];
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            indexes[i] = in.readLong();
            results.add(readResult(in));
        }
        AssertionTable assertions = AssertionTable.readFrom(in, expected);
        BuggifyTable buggify = BuggifyTable.readFrom(in);
        int metrics = in.readInt();
        Map<String, long[]> buckets = new TreeMap<>();
        for (int i = 0; i < metrics; i++) {
            String name = WireText.read(in);
            buckets.put(name, readLongs(in));
        }
        MetricsTable table = MetricsTable.ofBuckets(buckets);
        List<Outcome> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            all.add(new Outcome(
                    indexes[i],
                    results.get(i),
                    last ? assertions : new AssertionTable(expected),
                    last ? buggify : new BuggifyTable(),
                    last ? table : new MetricsTable()));
        }
        return all;
    }

    /** A determinism check's record of one run. */
    static void writeRecord(DataOutputStream out, io.moonpool.sim.internal.runner.DeterminismRecord r)
            throws IOException {
        out.writeLong(r.seed());
        writeLongs(out, r.fingerprints());
        out.writeLong(r.departure());
        var c = r.capture();
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeLong(c.index());
            WireText.write(out, c.what());
            out.writeLong(c.simNanos());
            WireText.write(out, c.task());
            WireText.write(out, c.node());
            out.writeUTF(c.phase().name());
            out.writeInt(c.stack().size());
            for (String frame : c.stack()) {
                WireText.write(out, frame);
            }
        }
    }

    static io.moonpool.sim.internal.runner.DeterminismRecord readRecord(DataInputStream in) throws IOException {
        long seed = in.readLong();
        long[] fingerprints = readLongs(in);
        long departure = in.readLong();
        io.moonpool.sim.internal.runner.DeterminismRecord.Capture capture = null;
        if (in.readBoolean()) {
            long index = in.readLong();
            String what = WireText.read(in);
            long simNanos = in.readLong();
            String task = WireText.read(in);
            String node = WireText.read(in);
            io.moonpool.sim.Phase phase = io.moonpool.sim.Phase.valueOf(in.readUTF());
            int n = in.readInt();
            List<String> stack = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                stack.add(WireText.read(in));
            }
            capture = new io.moonpool.sim.internal.runner.DeterminismRecord.Capture(
                    index, what, simNanos, task, node, phase, stack);
        }
        return new io.moonpool.sim.internal.runner.DeterminismRecord(seed, fingerprints, departure, capture);
    }

    static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** A result; its failure's exception does not cross (its stack trace, as text, does). */
    static void writeResult(DataOutputStream out, RunResult r) throws IOException {
        out.writeLong(r.seed());
        out.writeBoolean(r.failure().isPresent());
        if (r.failure().isPresent()) {
            RunFailure f = r.failure().get();
            out.writeUTF(f.kind().name());
            out.writeUTF(f.phase().name());
            WireText.write(out, f.source());
            WireText.write(out, f.message());
            writeDuration(out, f.simTime());
            WireText.write(out, f.stackTrace());
        }
        writeDuration(out, r.simTime());
        out.writeLong(r.events());
        out.writeLong(r.traceHash());
        writeDuration(out, r.wallTime());
        writeReboots(out, r.rebootCounts());
        out.writeInt(r.rebootsByInjector().size());
        for (Map.Entry<String, Map<RebootKind, Integer>> e :
                r.rebootsByInjector().entrySet()) {
            WireText.write(out, e.getKey());
            writeReboots(out, e.getValue());
        }
        out.writeInt(r.lifecycle().size());
        for (LifecycleEntry e : r.lifecycle()) {
            writeDuration(out, e.simTime());
            byte[] ip = e.ip().getAddress();
            out.writeByte(ip.length);
            out.write(ip);
            out.writeUTF(e.kind().name());
            out.writeUTF(e.reboot().map(Enum::name).orElse(""));
        }
        out.writeInt(r.timeline().size());
        for (TimelineEntry e : r.timeline()) {
            writeDuration(out, e.time());
            WireText.write(out, e.node());
            WireText.write(out, e.task());
            WireText.write(out, e.what());
            WireText.write(out, e.subject());
            out.writeLong(e.value());
        }
        out.writeInt(r.faults().size());
        for (Map.Entry<String, Long> e : r.faults().entrySet()) {
            WireText.write(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    static RunResult readResult(DataInputStream in) throws IOException {
        long seed = in.readLong();
        Optional<RunFailure> failure = Optional.empty();
        if (in.readBoolean()) {
            failure = Optional.of(new RunFailure(
                    FailureKind.valueOf(in.readUTF()),
                    Phase.valueOf(in.readUTF()),
                    WireText.read(in),
                    WireText.read(in),
                    readDuration(in),
                    WireText.read(in),
                    Optional.empty()));
        }
        Duration simTime = readDuration(in);
        long events = in.readLong();
        long traceHash = in.readLong();
        Duration wallTime = readDuration(in);
        Map<RebootKind, Integer> reboots = readReboots(in);
        Map<String, Map<RebootKind, Integer>> byInjector = new TreeMap<>();
        int injectors = in.readInt();
        for (int i = 0; i < injectors; i++) {
            byInjector.put(WireText.read(in), readReboots(in));
        }
        List<LifecycleEntry> lifecycle = new ArrayList<>();
        int entries = in.readInt();
        for (int i = 0; i < entries; i++) {
            Duration at = readDuration(in);
            byte[] ip = in.readNBytes(in.readUnsignedByte());
            LifecycleEntry.Kind kind = LifecycleEntry.Kind.valueOf(in.readUTF());
            String reboot = in.readUTF();
            lifecycle.add(new LifecycleEntry(
                    at,
                    InetAddress.getByAddress(ip),
                    kind,
                    reboot.isEmpty() ? Optional.empty() : Optional.of(RebootKind.valueOf(reboot))));
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        int kept = in.readInt();
        for (int i = 0; i < kept; i++) {
            timeline.add(new TimelineEntry(
                    readDuration(in),
                    WireText.read(in),
                    WireText.read(in),
                    WireText.read(in),
                    WireText.read(in),
                    in.readLong()));
        }
        Map<String, Long> faults = new TreeMap<>();
        int kinds = in.readInt();
        for (int i = 0; i < kinds; i++) {
            faults.put(WireText.read(in), in.readLong());
        }
        return new RunResult(
                seed, failure, simTime, events, traceHash, wallTime, reboots, byInjector, lifecycle, timeline, faults);
    }

    private static void writeReboots(DataOutputStream out, Map<RebootKind, Integer> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<RebootKind, Integer> e : counts.entrySet()) {
            out.writeUTF(e.getKey().name());
            out.writeInt(e.getValue());
        }
    }

    private static Map<RebootKind, Integer> readReboots(DataInputStream in) throws IOException {
        Map<RebootKind, Integer> counts = new EnumMap<>(RebootKind.class);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            counts.put(RebootKind.valueOf(in.readUTF()), in.readInt());
        }
        return counts;
    }

    private static void writeDuration(DataOutputStream out, Duration d) throws IOException {
        out.writeLong(d.getSeconds());
        out.writeInt(d.getNano());
    }

    private static Duration readDuration(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        return Duration.ofSeconds(seconds, in.readInt());
    }
}
