package io.moonpool.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.runtime.NodeRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Disk operations on the simulated disk ({@code ctx.storage()}, default {@link io.moonpool.storage.StorageConfig}:
 * no faults, 20 µs per read or write, 1 ms per force, unlimited IOPS and bandwidth), beside the same
 * operations on a real {@link FileChannel} in a temporary directory.
 *
 * <p>Subjects, each one whole simulation iteration per invocation:
 * <ul>
 *   <li>{@link #simulatedWriteForce}: the workload opens a fresh file and makes {@value #CYCLES} cycles of a
 *       {@value #BLOCK}-byte write (appending) followed by {@code force(false)}; the figure is the wall time
 *       of one cycle. The iteration's fixed cost (builder, kernel, disk, the open) is included and amortised
 *       over the cycles.</li>
 *   <li>{@link #simulatedRandomRead}: the workload's {@code setup} writes a {@value #FILE_SIZE}-byte file in
 *       one write (not forced); its {@code run} makes {@value #READS} positional reads of {@value #BLOCK} bytes
 *       at {@value #BLOCK}-aligned offsets drawn from the seed. The setup cannot leave the invocation (every
 *       iteration has a fresh disk), so it is amortised over the reads.</li>
 * </ul>
 * Both subjects also print, at the end of the trial, the wall time of the workload's measured loop alone
 * ({@link System#nanoTime} around it, inside the simulation) per operation over the measurement iterations,
 * so the amortised fixed cost per operation is the score minus that figure.
 *
 * <p>Baselines: {@link #realWriteForce} and {@link #realRandomRead}, the same operations, the same buffers and
 * the same offsets on a real {@link FileChannel} in a directory from {@link Files#createTempDirectory}, deleted
 * at the end of the trial. The real write baseline opens (creating or truncating) its file per invocation, as
 * the subject does; the real read baseline writes and forces its file once per trial, so its reads come from
 * the page cache.
 *
 * <p>Runtime column: {@link #runtimeWriteForce} and {@link #runtimeRandomRead}, the same loops through
 * {@code ctx.storage()} of a {@code NodeRuntime} node, the production provider of the same API, whose files live
 * in the same temporary directory; so the simulation's speed-up over reality is measured through one API.
 */
public class StorageBenchmark extends AbstractBenchmark {

    /** Bytes per write and per read. */
    public static final int BLOCK = 4 * 1024;

    /** Write-and-force cycles per invocation. */
    public static final int CYCLES = 1_000;

    /** Random reads per invocation. */
    public static final int READS = 10_000;

    /** Size of the file read at random: 16 MiB, copied twice by the simulated write in setup. */
    public static final int FILE_SIZE = 16 * 1024 * 1024;

    /** The contents of every written block (its first byte is overwritten with the cycle number). */
    private static final byte[] BLOCK_BYTES = randomBytes(BLOCK, SEED);

    /** The contents of the file read at random. */
    private static final byte[] FILE_BYTES = randomBytes(FILE_SIZE, SEED + 1);

    /** The offsets of the random reads, {@value #BLOCK}-aligned, the same for subject and baseline. */
    private static final long[] OFFSETS = offsets();

    private Path directory;
    private FileChannel realReadChannel;
    private NodeRuntime node;
    private FileChannel runtimeReadChannel;

    /**
     * Wall time of the workload's measured loop alone, over the measurement iterations of a trial; printed at
     * the end of the trial, as "wall ns per operation inside the loop".
     */
    @State(Scope.Thread)
    public static class LoopTime {
        private long nanos;
        private int operations;
        private long trialNanos;
        private long trialOperations;

        /** Creates the counter; JMH calls this. */
        public LoopTime() {}

        /** Resets the counter before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            nanos = 0;
            operations = 0;
        }

        void add(long wallNanos, int ops) {
            nanos += wallNanos;
            operations += ops;
        }

        /**
         * Adds a measurement iteration's loop time to the trial's; warm-up iterations are left out.
         *
         * @param iteration which iteration just ended
         */
        @TearDown(Level.Iteration)
        public void accumulate(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT) {
                trialNanos += nanos;
                trialOperations += operations;
            }
        }

        /** Prints the loop's wall time per operation over the measurement iterations of the trial. */
        @TearDown(Level.Trial)
        public void printTrial() {
            System.out.printf(
                    "%nwall ns per operation inside the loop over the measurement iterations: %,.1f%n",
                    trialOperations == 0 ? 0.0 : (double) trialNanos / trialOperations);
        }
    }

    /** Opens a fresh file and makes {@value #CYCLES} write-and-force cycles on it. */
    private record WriteForce(LoopTime loop) implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            try (FileChannel channel = ctx.storage().open("wal", CREATE, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(BLOCK_BYTES.clone());
                long start = System.nanoTime();
                writeForceCycles(channel, buffer);
                loop.add(System.nanoTime() - start, CYCLES);
                if (channel.size() != (long) CYCLES * BLOCK) {
                    throw new IllegalStateException("the file has " + channel.size() + " bytes");
                }
            }
        }
    }

    /** Writes a {@value #FILE_SIZE}-byte file in {@code setup}, then reads {@value #READS} blocks of it. */
    private static final class RandomRead implements Workload {
        private final LoopTime loop;
        private FileChannel channel;
        private long checksum;

        RandomRead(LoopTime loop) {
            this.loop = loop;
        }

        @Override
        public void setup(SimContext ctx) throws Exception {
            channel = ctx.storage().open("data", CREATE, READ, WRITE);
            ByteBuffer contents = ByteBuffer.wrap(FILE_BYTES).asReadOnlyBuffer();
            while (contents.hasRemaining()) {
                channel.write(contents);
            }
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
            long start = System.nanoTime();
            checksum = randomReads(channel, buffer);
            loop.add(System.nanoTime() - start, READS);
            channel.close();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static long[] offsets() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        long[] offsets = new long[READS];
        for (int i = 0; i < READS; i++) {
            offsets[i] = (long) random.nextInt(FILE_SIZE / BLOCK) * BLOCK;
        }
        return offsets;
    }

    /** The loop both write subjects run: {@value #CYCLES} appended blocks, each forced. */
    private static void writeForceCycles(FileChannel channel, ByteBuffer buffer) throws IOException {
        for (int i = 0; i < CYCLES; i++) {
            buffer.clear();
            buffer.put(0, (byte) i);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** The loop both read subjects run: {@value #READS} positional reads; returns a checksum of the blocks. */
    private static long randomReads(FileChannel channel, ByteBuffer buffer) throws IOException {
        long checksum = 0;
        for (int i = 0; i < READS; i++) {
            long offset = OFFSETS[i];
            buffer.clear();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new EOFException("end of file at " + (offset + buffer.position()));
                }
            }
            if (buffer.get(0) != FILE_BYTES[(int) offset]) {
                throw new IllegalStateException("wrong block at " + offset);
            }
            checksum += buffer.get(BLOCK - 1);
        }
        return checksum;
    }

    /**
     * Creates the temporary directory of the baselines, the file the read baseline reads, and a
     * {@link NodeRuntime} node whose data directory is in it, with the same file for the runtime column.
     *
     * @throws IOException if the directory or the file cannot be made
     */
    @Setup(Level.Trial)
    public void createRealFiles() throws IOException {
        directory = Files.createTempDirectory("moonpool-storage-benchmark");
        realReadChannel = FileChannel.open(directory.resolve("data"), CREATE, READ, WRITE);
        ByteBuffer contents = ByteBuffer.wrap(FILE_BYTES);
        while (contents.hasRemaining()) {
            realReadChannel.write(contents);
        }
        realReadChannel.force(true);
        node = NodeRuntime.builder()
                .ip(InetAddress.getByName("127.0.0.1"))
                .dataDir(directory.resolve("node"))
                .seed(SEED)
                .shutdownHook(false)
                .build();
        runtimeReadChannel = node.context().storage().open("data", CREATE, READ, WRITE);
        contents = ByteBuffer.wrap(FILE_BYTES);
        while (contents.hasRemaining()) {
            runtimeReadChannel.write(contents);
        }
        runtimeReadChannel.force(true);
    }

    /**
     * Closes the read baselines' files, shuts the node down and deletes the temporary directory.
     *
     * @throws IOException if a file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteRealFiles() throws IOException {
        if (realReadChannel != null) {
            realReadChannel.close();
        }
        if (runtimeReadChannel != null) {
            runtimeReadChannel.close();
        }
        if (node != null) {
            node.shutdown();
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Subject: {@value #CYCLES} cycles of a {@value #BLOCK}-byte write and a force on the simulated disk, in
     * one iteration.
     *
     * @param loop the wall time of the loop alone
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long simulatedWriteForce(LoopTime loop) {
        return runIteration(new WriteForce(loop));
    }

    /**
     * Subject: {@value #READS} random {@value #BLOCK}-byte reads of a {@value #FILE_SIZE}-byte simulated file,
     * in one iteration whose setup writes the file.
     *
     * @param loop the wall time of the loop alone
     * @return the simulated time plus the event count plus a checksum, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long simulatedRandomRead(LoopTime loop) {
        RandomRead workload = new RandomRead(loop);
        return runIteration(workload) + workload.checksum;
    }

    /**
     * Baseline: the same write-and-force cycles on a real file, created or truncated per invocation.
     *
     * @return the file's size, so that the work is not dead code
     * @throws IOException if the real file system fails
     */
    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long realWriteForce() throws IOException {
        try (FileChannel channel = FileChannel.open(directory.resolve("wal"), CREATE, WRITE, TRUNCATE_EXISTING)) {
            writeForceCycles(channel, ByteBuffer.wrap(BLOCK_BYTES.clone()));
            return channel.size();
        }
    }

    /**
     * Baseline: the same random reads of a real file, written once per trial (so read from the page cache).
     *
     * @return a checksum of the blocks read, so that the work is not dead code
     * @throws IOException if the real file system fails
     */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long realRandomRead() throws IOException {
        return randomReads(realReadChannel, ByteBuffer.allocate(BLOCK));
    }

    /**
     * Runtime column: the same write-and-force cycles through {@code ctx.storage()} of a {@link NodeRuntime}
     * node (a real file in its data directory), created or truncated per invocation; the cost of the API over
     * the JDK's own channel is the difference from {@link #realWriteForce}.
     *
     * @return the file's size, so that the work is not dead code
     * @throws IOException if the real file system fails
     */
    @Benchmark
    @OperationsPerInvocation(CYCLES)
    public long runtimeWriteForce() throws IOException {
        try (FileChannel channel = node.context().storage().open("wal", CREATE, WRITE, TRUNCATE_EXISTING)) {
            writeForceCycles(channel, ByteBuffer.wrap(BLOCK_BYTES.clone()));
            return channel.size();
        }
    }

    /**
     * Runtime column: the same random reads of a file written once per trial through the node's storage.
     *
     * @return a checksum of the blocks read, so that the work is not dead code
     * @throws IOException if the real file system fails
     */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long runtimeRandomRead() throws IOException {
        return randomReads(runtimeReadChannel, ByteBuffer.allocate(BLOCK));
    }
}
