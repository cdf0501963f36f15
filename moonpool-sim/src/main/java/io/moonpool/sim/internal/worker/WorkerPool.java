package io.moonpool.sim.internal.worker;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureKind;
import io.moonpool.api.MoonpoolException;
import io.moonpool.sim.Phase;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.internal.runner.AssertionTable;
import io.moonpool.sim.internal.runner.BuggifyTable;
import io.moonpool.sim.internal.runner.MetricsTable;
import io.moonpool.sim.internal.runner.WireText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a simulation's iterations in worker JVMs: forks them like this JVM (its java binary, class path, module
 * path and flags, like Surefire's {@code forkCount}), hands each the next iteration whenever it is free, and gives
 * the results to the {@link Feed} in the order the iterations were handed out, buffering those that come back
 * early: so the feed sees exactly what a sequential run would have.
 *
 * <p>A worker that dies (out of memory, a crash, {@code System.exit} in user code) fails the iteration it was
 * running, with its exit code and last lines of standard error, and a fresh worker takes its place while
 * iterations remain. Every worker is stopped when the run fails or is interrupted; after a clean run the workers
 * are kept, warm, for the next run in this JVM, and exit with it.
 */
public final class WorkerPool {

    /** The source of the failure of an iteration whose worker JVM died. */
    public static final String DIED = "worker JVM";

    /** How many lines of a worker's standard error a failure quotes. */
    private static final int STDERR_LINES = 20;

    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** The iterations of a run, handed out one at a time and taken back in the order handed out. */
    public interface Feed {
        /**
         * The next iteration to run.
         *
         * @return its index in the seed sequence, or -1 when none is left
         */
        long next();

        /**
         * The seed of an iteration.
         *
         * @param index its index
         * @return its seed
         */
        long seed(long index);

        /**
         * Takes one iteration's result and tables, in the order handed out.
         *
         * @param index      its index
         * @param result     its result
         * @param assertions what it added to the assertion table
         * @param buggify    what it added to the buggify table
         * @param metrics    what it recorded
         * @return false to stop: the pool hands out nothing more and drops what comes back after
         */
        boolean accept(
                long index, RunResult result, AssertionTable assertions, BuggifyTable buggify, MetricsTable metrics);

        /**
         * Whether consecutive iterations may run into one set of tables, sent back together: not when the run
         * decides after every seed, from the tables, whether to go on (a coverage-driven run).
         *
         * @return true to allow chunks
         */
        boolean chunked();

        /**
         * The assertions declared with {@code expect(...)}.
         *
         * @return them
         */
        List<String> expected();

        /**
         * What must be the same in the configuration a worker rebuilds.
         *
         * @return the parent's fingerprint
         */
        String fingerprint();
    }

    private sealed interface Message {}

    private record Ready(Worker worker, String fingerprint) implements Message {}

    private record Result(Worker worker, List<Wire.Outcome> outcomes) implements Message {}

    private record Ended(Worker worker, String cause) implements Message {}

    /**
     * An iteration handed out: its place in the order handed out, its index, its seed, and whether it was sent
     * in a chunk of its own.
     */
    private record Job(long seq, long index, long seed, boolean alone) {
        Job sentAlone() {
            return new Job(seq, index, seed, true);
        }
    }

    /**
     * How many iterations a worker is sent ahead: the one it runs and the next, so that it never waits for the
     * parent between two.
     */
    private static final int DEPTH = 2;

    /** The work a chunk of iterations aims at: long enough to make a message and a merge per chunk cheap. */
    private static final long CHUNK_NANOS = 5_000_000L;

    /** The most iterations in one chunk. */
    private static final int MAX_CHUNK = 256;

    /** One worker JVM. */
    private static final class Worker {
        final int number;
        final Process process;
        final DataOutputStream in;
        final Deque<String> stderr = new ArrayDeque<>();
        Thread stderrDrain;
        // the pool that uses it now, where its reader posts; and that run's expected assertions
        volatile BlockingQueue<Message> inbox;
        volatile List<String> expected;
        boolean reused;
        boolean ready;
        boolean finished;
        // what it was sent and has not answered, oldest (the one it runs) first
        final Deque<Job> inFlight = new ArrayDeque<>();

        Worker(int number, Process process) {
            this.number = number;
            this.process = process;
            this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        }

        @Override
        public String toString() {
            return "worker JVM " + number + " (pid " + process.pid() + ")";
        }
    }

    private final Recipe recipe;
    private final Feed feed;
    /**
     * Workers that finished a run cleanly, kept warm (loaded classes, compiled code) for the next run in this
     * JVM; each exits when this JVM does, since its standard input closes then.
     */
    private static final Deque<Worker> IDLE = new ArrayDeque<>();

    private static final java.util.concurrent.atomic.AtomicInteger STARTED =
            new java.util.concurrent.atomic.AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(WorkerPool::stopIdle, "moonpool-worker-shutdown"));
    }

    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private final TreeMap<Long, Wire.Outcome> done = new TreeMap<>();
    // iterations of a worker that died before it began them, lowest first
    private final java.util.PriorityQueue<Job> requeued =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(Job::seq));
    private long handedOut;
    private long delivered;
    private boolean stopped;
    private boolean exhausted;
    // the running average wall time of one iteration, or -1 before the first result
    private long averageNanos = -1;

    private WorkerPool(Recipe recipe, Feed feed) {
        this.recipe = recipe;
        this.feed = feed;
    }

    /**
     * Runs every iteration the feed hands out in {@code count} worker JVMs.
     *
     * @param recipe how a worker rebuilds the simulation
     * @param count  how many workers
     * @param feed   the iterations
     * @throws MoonpoolException      if a worker cannot start or its protocol breaks, or if interrupted (the
     *                                thread's interrupt flag is set again)
     * @throws ConfigurationException if the builder a worker rebuilds from the recipe differs from the one run
     */
    public static void run(Recipe recipe, int count, Feed feed) {
        new WorkerPool(recipe, feed).run(count);
    }

    private void run(int count) {
        boolean completed = false;
        try {
            for (int i = 0; i < count; i++) {
                workers.add(start());
            }
            while (workers.stream().anyMatch(w -> !w.finished)) {
                Message m = inbox.take();
                switch (m) {
                    case Ready r -> {
                        if (!r.fingerprint().equals(feed.fingerprint())) {
                            throw new ConfigurationException(List.of("the builder that .source("
                                    + recipe.type().getName()
                                    + ".class, \"" + recipe.method() + "\") makes in a worker JVM differs from the one"
                                    + " run: the recipe must make the whole configuration (" + r.fingerprint()
                                    + ", but this run has " + feed.fingerprint() + "); configure the builder only in"
                                    + " that method, or drop .source(...) and run with parallelism(1)"));
                        }
                        r.worker().ready = true;
                        hand(r.worker());
                    }
                    case Result r -> {
                        Worker w = r.worker();
                        for (Wire.Outcome o : r.outcomes()) {
                            Job job = w.inFlight.peekFirst();
                            if (job == null || o.index() != job.index()) {
                                throw new MoonpoolException(w + " sent the result of iteration " + o.index()
                                        + ", which it was not running: the protocol broke");
                            }
                            w.inFlight.removeFirst();
                            done.put(job.seq(), o);
                            measured(o.result().wallTime().toNanos());
                        }
                        deliver();
                        hand(w);
                    }
                    case Ended e -> ended(e);
                }
            }
            if (delivered != handedOut && !stopped) {
                throw new MoonpoolException(
                        "the worker JVMs ended with " + (handedOut - delivered) + " iteration(s) not reported");
            }
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MoonpoolException("interrupted while worker JVMs ran the simulation; they were stopped", e);
        } finally {
            List<Worker> stopping = new ArrayList<>();
            for (Worker w : workers) {
                if (completed && w.finished && w.process.isAlive()) {
                    keepIdle(w);
                } else {
                    stopping.add(w);
                    w.process.destroyForcibly();
                }
            }
            // waited for even when interrupted (a bounded wait), so that none outlives the run; the flag is kept
            boolean interrupted = Thread.interrupted();
            for (Worker w : stopping) {
                try {
                    w.process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ended(Ended e) {
        Worker w = e.worker();
        workers.remove(w);
        if (w.finished && w.inFlight.isEmpty()) {
            return;
        }
        if (!w.ready && w.reused) {
            // a kept worker that died while idle: a fresh one instead
            workers.add(start());
            return;
        }
        if (!w.ready) {
            throw new MoonpoolException(w + " could not start the simulation from .source("
                    + recipe.type().getName() + ".class, \"" + recipe.method() + "\"): " + e.cause());
        }
        if (!w.inFlight.isEmpty()) {
            // it was running the first chunk it had not reported: sent alone, that iteration killed it; in a chunk
            // of several, any of them may have, so each runs again alone elsewhere (a seed gives the same result
            // wherever it runs, and the one that kills its worker is then known)
            Job first = w.inFlight.peekFirst();
            if (first.alone()) {
                w.inFlight.removeFirst();
                done.put(first.seq(), died(w, first, e.cause()));
            }
            w.inFlight.forEach(j -> requeued.add(j.sentAlone()));
            w.inFlight.clear();
            deliver();
        }
        if (!stopped && (!exhausted || !requeued.isEmpty())) {
            // its remaining iterations go to the others, and to a fresh worker in its place
            workers.add(start());
        }
    }

    private Wire.Outcome died(Worker w, Job job, String cause) {
        String message = w + " died while running seed " + job.seed() + " (iteration " + job.index() + "): " + cause
                + System.lineSeparator() + "replay the seed alone, in one JVM, to see what killed it: "
                + ".seeds(" + job.seed() + "L).parallelism(1)";
        RunFailure f =
                new RunFailure(FailureKind.INTERNAL, Phase.RUN, DIED, message, Duration.ZERO, "", Optional.empty());
        RunResult r = io.moonpool.sim.internal.runner.RunResults.notRun(job.seed(), f, Duration.ZERO);
        return new Wire.Outcome(
                job.index(), r, new AssertionTable(feed.expected()), new BuggifyTable(), new MetricsTable());
    }

    /** Gives the feed every result that follows the last one given, in the order handed out. */
    private void deliver() {
        while (!done.isEmpty() && done.firstKey() == delivered) {
            Wire.Outcome o = done.pollFirstEntry().getValue();
            delivered++;
            if (!stopped && !feed.accept(o.index(), o.result(), o.assertions(), o.buggify(), o.metrics())) {
                stopped = true;
            }
        }
    }

    /** Takes an iteration's wall time into the running average that sizes chunks. */
    private void measured(long wallNanos) {
        averageNanos = averageNanos < 0 ? wallNanos : (averageNanos * 7 + wallNanos) / 8;
    }

    /**
     * How many consecutive iterations go to a worker at once: enough for about {@link #CHUNK_NANOS} of work, so
     * that short iterations do not pay a message each way and a merge apiece; one for a coverage-driven run,
     * whose stop is decided after every seed, and until the first results tell how long one takes.
     */
    private int chunkSize() {
        if (!feed.chunked() || averageNanos < 0) {
            return 1;
        }
        return (int) Math.max(1, Math.min(MAX_CHUNK, CHUNK_NANOS / Math.max(1, averageNanos)));
    }

    /**
     * Tops up a worker to {@link #DEPTH} chunks (the one it runs and the next, so that it never waits for the
     * parent between two), or tells it the batch is over when it has nothing left.
     */
    private void hand(Worker w) {
        int size = chunkSize();
        try {
            while (w.inFlight.size() < DEPTH * size && !stopped) {
                List<Job> chunk = new ArrayList<>();
                Job again = requeued.poll();
                if (again != null) {
                    chunk.add(again); // alone: it is not contiguous with anything, and it may be the one that kills
                }
                while (chunk.isEmpty() || (again == null && chunk.size() < size)) {
                    if (exhausted) {
                        break;
                    }
                    long index = feed.next();
                    exhausted = index < 0;
                    if (exhausted) {
                        break;
                    }
                    chunk.add(new Job(handedOut++, index, feed.seed(index), false));
                }
                if (chunk.isEmpty()) {
                    break;
                }
                if (chunk.size() == 1) {
                    chunk.set(0, chunk.getFirst().sentAlone());
                }
                w.inFlight.addAll(chunk);
                w.in.writeByte(Wire.RUN);
                w.in.writeInt(chunk.size());
                for (Job job : chunk) {
                    w.in.writeLong(job.index());
                    w.in.writeLong(job.seed());
                }
            }
            if (w.inFlight.isEmpty()) {
                w.finished = true;
                w.in.writeByte(Wire.END);
            }
            w.in.flush();
        } catch (IOException e) {
            // the worker is gone: its reader reports it, and its iterations fail or go to the others
        }
    }

    /** A kept worker, or a fresh one, sent this run's batch header. */
    private Worker start() {
        while (true) {
            Worker w;
            synchronized (IDLE) {
                w = IDLE.pollFirst();
            }
            if (w == null) {
                break;
            }
            // the inbox first: a death from now on is reported here, one before shows in isAlive
            w.inbox = inbox;
            w.expected = feed.expected();
            if (!w.process.isAlive()) {
                continue;
            }
            w.reused = true;
            w.ready = false;
            w.finished = false;
            w.inFlight.clear();
            try {
                sendBatch(w);
            } catch (IOException e) {
                // it died: its reader reports it here, and a fresh one takes its place
            }
            return w;
        }
        int number = STARTED.incrementAndGet();
        List<String> command = command();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new MoonpoolException("could not start a worker JVM (" + command.getFirst() + "): " + e, e);
        }
        Worker w = new Worker(number, process);
        w.inbox = inbox;
        w.expected = feed.expected();
        w.stderrDrain = Thread.ofPlatform()
                .daemon()
                .name("moonpool-worker-" + number + "-stderr")
                .start(() -> drain(process, w.stderr));
        Thread.ofPlatform()
                .daemon()
                .name("moonpool-worker-" + number + "-stdout")
                .start(() -> read(w));
        try {
            w.in.writeLong(Wire.MAGIC);
            w.in.writeInt(Wire.VERSION);
            sendBatch(w);
        } catch (IOException e) {
            // the reader reports the worker's end
        }
        return w;
    }

    /** The header of this run's batch: the recipe, and the system properties to set first. */
    private void sendBatch(Worker w) throws IOException {
        writeBatch(w.in, recipe);
    }

    /** Writes a batch header: the recipe, and the system properties the worker sets before it calls it. */
    static void writeBatch(DataOutputStream out, Recipe recipe) throws IOException {
        WireText.write(out, recipe.type().getName());
        WireText.write(out, recipe.method());
        Map<String, String> properties = forwardedProperties();
        out.writeInt(properties.size());
        for (Map.Entry<String, String> e : properties.entrySet()) {
            WireText.write(out, e.getKey());
            WireText.write(out, e.getValue());
        }
        out.flush();
    }

    /** Keeps a worker that finished a run cleanly for the next run, up to twice the cores. */
    private static void keepIdle(Worker w) {
        synchronized (IDLE) {
            if (IDLE.size() < 2 * Runtime.getRuntime().availableProcessors()) {
                IDLE.addLast(w);
                return;
            }
        }
        w.process.destroyForcibly();
    }

    /** Stops the kept workers (at this JVM's exit; they would exit on their own when their input closes). */
    private static void stopIdle() {
        synchronized (IDLE) {
            for (Worker w : IDLE) {
                w.process.destroyForcibly();
            }
            IDLE.clear();
        }
    }

    /** Copies a worker's standard error to this JVM's, keeping its last lines for a failure's message. */
    static void drain(Process process, Deque<String> lines) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), Charset.defaultCharset()))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.err.println(line);
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > STDERR_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }

    /** Reads a worker's messages into the inbox, then its end. */
    private static void read(Worker w) {
        String cause;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(w.process.getInputStream(), 1 << 16))) {
            skipToMagic(in);
            int version = in.readInt();
            if (version != Wire.VERSION) {
                throw new IOException("the worker speaks protocol version " + version + ", this JVM " + Wire.VERSION
                        + ": its class path has another moonpool-sim jar");
            }
            while (true) {
                byte kind = in.readByte();
                if (kind == Wire.READY) {
                    w.inbox.add(new Ready(w, WireText.read(in)));
                } else if (kind == Wire.RESULT) {
                    w.inbox.add(new Result(w, Wire.readChunk(in, w.expected)));
                } else if (kind == Wire.FATAL) {
                    String stack = WireText.read(in);
                    w.inbox.add(new Ended(w, stack.strip()));
                    w.process.destroyForcibly();
                    return;
                } else {
                    throw new IOException("unknown message " + kind + " from the worker: the protocol broke");
                }
            }
        } catch (java.io.EOFException e) {
            cause = null;
        } catch (IOException | RuntimeException e) {
            cause = "reading its results failed: " + e;
        }
        String exit;
        try {
            if (w.process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = "exit code " + w.process.exitValue();
            } else {
                w.process.destroyForcibly();
                exit = "it closed its standard output and did not exit; it was killed";
            }
            w.stderrDrain.join(EXIT_WAIT.toMillis());
        } catch (InterruptedException e) {
            exit = "interrupted while waiting for it to exit";
        }
        String last;
        synchronized (w.stderr) {
            last = w.stderr.isEmpty() ? "(nothing)" : String.join(System.lineSeparator() + "  ", w.stderr);
        }
        w.inbox.add(new Ended(
                w,
                (cause == null ? "" : cause + "; ") + exit + "; its last lines on standard error:"
                        + System.lineSeparator() + "  " + last));
    }

    /** Reads up to the 8 bytes that start the protocol, forwarding anything before them (a JVM's warning). */
    static void skipToMagic(DataInputStream in) throws IOException {
        long window = 0;
        int seen = 0;
        StringBuilder before = new StringBuilder();
        while (seen < 8 || window != Wire.MAGIC) {
            int b = in.read();
            if (b < 0) {
                if (!before.isEmpty()) {
                    System.err.print(before);
                }
                throw new java.io.EOFException();
            }
            if (seen >= 8) {
                before.append((char) (window >>> 56));
            }
            window = (window << 8) | b;
            seen++;
        }
        if (!before.isEmpty()) {
            System.err.print(before);
        }
    }

    /** The command that starts a worker JVM like this one. */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-agentlib:jdwp")
                    || arg.startsWith("-Xrunjdwp")
                    || arg.startsWith("-Xdebug")
                    || arg.startsWith("-Djava.class.path=")
                    || arg.startsWith("-Djdk.module.path=")
                    || arg.startsWith("-Djdk.module.main")
                    || arg.startsWith("-Dsun.java.command=")
                    || arg.startsWith("--module-path")
                    || arg.startsWith("-Djava.rmi.server")
                    || runLevelFlag(arg)) {
                continue;
            }
            command.add(arg);
        }
        String classPath = System.getProperty("java.class.path", "");
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        boolean named = WorkerMain.class.getModule().isNamed();
        if (!modulePath.isEmpty()) {
            command.add("--module-path");
            command.add(modulePath);
            command.add("--add-modules");
            command.add("ALL-MODULE-PATH");
        }
        if (named) {
            command.add("--module");
            command.add(WorkerMain.class.getModule().getName() + "/" + WorkerMain.class.getName());
        } else {
            command.add(WorkerMain.class.getName());
        }
        return command;
    }

    /**
     * The system properties a worker sets before it rebuilds the simulation: every one this JVM has that the JDK
     * does not set itself, since a build tool sets some at run time (Surefire's {@code systemPropertyVariables}),
     * where the JVM's flags do not carry them.
     */
    private static Map<String, String> forwardedProperties() {
        Map<String, String> forwarded = new TreeMap<>();
        Properties all = System.getProperties();
        for (String name : all.stringPropertyNames()) {
            // how this run runs is the parent's: a worker runs what it is sent
            if (!jdkProperty(name) && !RUN_LEVEL.contains(name)) {
                forwarded.put(name, all.getProperty(name));
            }
        }
        return forwarded;
    }

    /** The properties that decide how the parent runs, which a worker must not apply again. */
    static final List<String> RUN_LEVEL =
            List.of("moonpool.checkDeterminism", "moonpool.parallelism", "moonpool.shard");

    /** Whether a JVM flag sets one of {@link #RUN_LEVEL}: a worker runs what it is sent, not the parent's run. */
    private static boolean runLevelFlag(String arg) {
        for (String name : RUN_LEVEL) {
            if (arg.startsWith("-D" + name + "=") || arg.equals("-D" + name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean jdkProperty(String name) {
        for (String prefix : List.of(
                "java.",
                "jdk.",
                "sun.",
                "os.",
                "user.",
                "file.",
                "line.",
                "path.",
                "native.",
                "stdout.",
                "stderr.",
                "awt.",
                "jbr.",
                "intellij.",
                "idea.")) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return name.equals("socksNonProxyHosts")
                || name.equals("ftp.nonProxyHosts")
                || name.equals("http.nonProxyHosts");
    }
}
