package io.moonpool.archunit;

import static io.moonpool.archunit.CallPattern.on;
import static io.moonpool.archunit.Nondeterminism.RANDOMNESS;
import static io.moonpool.archunit.Nondeterminism.REAL_IO;
import static io.moonpool.archunit.Nondeterminism.SLEEP;
import static io.moonpool.archunit.Nondeterminism.THREADS;
import static io.moonpool.archunit.Nondeterminism.WALL_CLOCK;

import java.util.ArrayList;
import java.util.List;

/**
 * Every banned call, by family, in the order the rules try them (the first that matches an access names it).
 * Each entry's {@code instead} names the {@code SimContext} provider; the tests plant every entry.
 */
final class BannedCalls {

    private static final String CLOCK = "reads the real clock, which no seed controls";
    private static final String RANDOM = "draws randomness that no seed controls";
    private static final String THREAD = "runs work on threads that the simulation does not schedule";
    private static final String COMMON_POOL =
            "runs work on the JDK's common pool, which the simulation does not schedule";
    private static final String DELAYER = "waits in real time on the JDK's delayer thread";
    private static final String REAL_WAIT =
            "waits in real time, which stops the simulated world (the kernel fails the seed)";
    private static final String SOCKET = "opens a real socket, outside the simulated network";
    private static final String FILE = "touches the real file system, outside this node's simulated disk";

    /** The java.time types whose static {@code now()} and {@code now(ZoneId)} read the system clock. */
    private static final List<String> TIME_TYPES = List.of(
            "Instant",
            "LocalDate",
            "LocalTime",
            "LocalDateTime",
            "ZonedDateTime",
            "OffsetDateTime",
            "OffsetTime",
            "Year",
            "YearMonth",
            "MonthDay");

    /** RandomGenerator and its nested interfaces, whose static {@code of(name)} returns an unseeded generator. */
    private static final List<String> RANDOM_GENERATORS = List.of(
            "RandomGenerator",
            "RandomGenerator$StreamableGenerator",
            "RandomGenerator$SplittableGenerator",
            "RandomGenerator$JumpableGenerator",
            "RandomGenerator$LeapableGenerator",
            "RandomGenerator$ArbitrarilyJumpableGenerator");

    static final List<BannedCall> ALL = catalog();

    private BannedCalls() {}

    /** The entries of one family, in catalog order. */
    static List<BannedCall> of(Nondeterminism family) {
        return ALL.stream().filter(c -> c.family() == family).toList();
    }

    private static List<BannedCall> catalog() {
        List<BannedCall> all = new ArrayList<>();

        // wall clock
        all.add(new BannedCall(
                WALL_CLOCK,
                "System.currentTimeMillis()",
                CLOCK,
                "ctx.time().now().toEpochMilli()",
                on("java.lang.System").named("currentTimeMillis")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "System.nanoTime()",
                CLOCK,
                "ctx.time().nanoTime()",
                on("java.lang.System").named("nanoTime")));
        for (String type : TIME_TYPES) {
            // now(Clock) is fine: with ctx.time().clock() it reads simulated time
            all.add(new BannedCall(
                    WALL_CLOCK,
                    type + ".now()",
                    type.equals("Instant") ? CLOCK : CLOCK + " (so does now(ZoneId))",
                    type.equals("Instant") ? "ctx.time().now()" : type + ".now(ctx.time().clock())",
                    on("java.time." + type).named("now").withoutParameterOf("java.time.Clock")));
        }
        all.add(new BannedCall(
                WALL_CLOCK,
                "{owner}.now()",
                CLOCK + " (so does now(ZoneId))",
                "{owner}.now(ctx.time().clock())",
                on("java.time.chrono.ChronoLocalDate")
                        .orSubtypes()
                        .named("now")
                        .withoutParameterOf("java.time.Clock")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "Chronology.dateNow()",
                CLOCK,
                "chronology.dateNow(ctx.time().clock())",
                on("java.time.chrono.Chronology").orSubtypes().named("dateNow").withoutParameterOf("java.time.Clock")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "Clock.{name}(...)",
                "is the real clock, which no seed controls",
                "ctx.time().clock()",
                on("java.time.Clock").named("systemUTC", "systemDefaultZone", "system")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "Clock.{name}(ZoneId)",
                "ticks with the real clock, which no seed controls",
                "Clock.tick(ctx.time().clock(), duration)",
                on("java.time.Clock").named("tickSeconds", "tickMillis", "tickMinutes")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "InstantSource.system()",
                "is the real clock, which no seed controls",
                "ctx.time().clock()",
                on("java.time.InstantSource").named("system")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "new Date()",
                CLOCK,
                "new Date(ctx.time().now().toEpochMilli())",
                on("java.util.Date").orSubtypes().constructors().withoutParameters()));
        all.add(new BannedCall(
                WALL_CLOCK,
                "Calendar.getInstance(...)",
                CLOCK,
                "a Calendar set to ctx.time().now().toEpochMilli() with setTimeInMillis",
                on("java.util.Calendar").named("getInstance")));
        all.add(new BannedCall(
                WALL_CLOCK,
                "new GregorianCalendar()",
                CLOCK + " (so do its TimeZone and Locale forms)",
                "a Calendar set to ctx.time().now().toEpochMilli() with setTimeInMillis",
                on("java.util.GregorianCalendar")
                        .orSubtypes()
                        .constructors()
                        .withParameters(
                                p -> p.stream().noneMatch(t -> t.getName().equals("int")))));

        // randomness
        all.add(new BannedCall(
                RANDOMNESS,
                "Math.random()",
                RANDOM,
                "ctx.random().nextDouble()",
                on("java.lang.Math").named("random")));
        all.add(new BannedCall(
                RANDOMNESS,
                "StrictMath.random()",
                RANDOM,
                "ctx.random().nextDouble()",
                on("java.lang.StrictMath").named("random")));
        all.add(new BannedCall(
                RANDOMNESS,
                "new Random()",
                "seeds itself from the real clock and a JVM-wide counter, so " + RANDOM,
                "ctx.random(), or new Random(ctx.random().nextLong()) where an API takes a java.util.Random",
                on("java.util.Random").constructors().withoutParameters()));
        all.add(new BannedCall(
                RANDOMNESS,
                "ThreadLocalRandom.current()",
                RANDOM,
                "ctx.random()",
                on("java.util.concurrent.ThreadLocalRandom").named("current")));
        all.add(new BannedCall(
                RANDOMNESS,
                "new SecureRandom(...)",
                RANDOM + " (simulated code needs no secure randomness: it must replay)",
                "ctx.random()",
                on("java.security.SecureRandom").orSubtypes().constructors()));
        all.add(new BannedCall(
                RANDOMNESS,
                "SecureRandom.{name}(...)",
                RANDOM + " (simulated code needs no secure randomness: it must replay)",
                "ctx.random()",
                on("java.security.SecureRandom").namedLike(n -> n.startsWith("getInstance"))));
        all.add(new BannedCall(
                RANDOMNESS,
                "UUID.randomUUID()",
                RANDOM,
                "new UUID(ctx.random().nextLong(), ctx.random().nextLong())",
                on("java.util.UUID").named("randomUUID")));
        all.add(new BannedCall(
                RANDOMNESS,
                "new SplittableRandom()",
                "seeds itself from the real clock, so " + RANDOM,
                "new SplittableRandom(ctx.random().nextLong()), or ctx.random()",
                on("java.util.SplittableRandom").constructors().withoutParameters()));
        // the JDK's own factories only: a user's seeded RandomGenerator may well have a static of(seed)
        for (String generator : RANDOM_GENERATORS) {
            all.add(new BannedCall(
                    RANDOMNESS,
                    "{owner}.{name}(...)",
                    "returns an unseeded generator, which " + RANDOM,
                    "ctx.random()",
                    on("java.util.random." + generator).named("getDefault", "of")));
        }
        all.add(new BannedCall(
                RANDOMNESS,
                "RandomGeneratorFactory.create()",
                "returns an unseeded generator, which " + RANDOM,
                "factory.create(ctx.random().nextLong()), or ctx.random()",
                on("java.util.random.RandomGeneratorFactory").named("create").withoutParameters()));
        all.add(new BannedCall(
                RANDOMNESS,
                "Collections.shuffle(list)",
                "shuffles with a hidden unseeded Random, which " + RANDOM,
                "Collections.shuffle(list, ctx.random())",
                on("java.util.Collections").named("shuffle").withParameterCount(1)));

        // threads and pools
        all.add(new BannedCall(
                THREADS,
                "new Thread(...)",
                THREAD,
                "ctx.tasks().spawn(name, body)",
                on("java.lang.Thread").orSubtypes().constructors()));
        all.add(new BannedCall(
                THREADS,
                "Thread.ofPlatform()",
                THREAD,
                "ctx.tasks().spawn(name, body)",
                on("java.lang.Thread").named("ofPlatform")));
        all.add(new BannedCall(
                THREADS,
                "Thread.{name}(...)",
                THREAD + " (the simulation rejects virtual threads it did not start)",
                "ctx.tasks().spawn(name, body)",
                on("java.lang.Thread").named("ofVirtual", "startVirtualThread")));
        all.add(new BannedCall(
                THREADS,
                "Executors.{name}(...)",
                THREAD,
                "ctx.tasks().executor()",
                // Executors.callable only adapts a Runnable: it starts nothing
                on("java.util.concurrent.Executors").namedLike(n -> !n.equals("callable"))));
        all.add(new BannedCall(
                THREADS,
                "new ThreadPoolExecutor(...)",
                THREAD,
                "ctx.tasks().executor()",
                on("java.util.concurrent.ThreadPoolExecutor").orSubtypes().constructors()));
        all.add(new BannedCall(
                THREADS,
                "ForkJoinPool.commonPool()",
                COMMON_POOL,
                "ctx.tasks().executor()",
                on("java.util.concurrent.ForkJoinPool").named("commonPool")));
        all.add(new BannedCall(
                THREADS,
                "new ForkJoinPool(...)",
                THREAD,
                "ctx.tasks().executor()",
                on("java.util.concurrent.ForkJoinPool").orSubtypes().constructors()));
        all.add(new BannedCall(
                THREADS,
                "{owner}.{name}(...) without an executor",
                COMMON_POOL,
                "{owner}.{name}(..., ctx.tasks().executor())",
                on("java.util.concurrent.CompletionStage")
                        .orSubtypes()
                        .namedLike(n -> n.endsWith("Async"))
                        .withoutParameterOf("java.util.concurrent.Executor")));
        all.add(new BannedCall(
                THREADS,
                "CompletableFuture.delayedExecutor(...)",
                DELAYER,
                "a task from ctx.tasks() that calls ctx.time().sleep(...) first",
                on("java.util.concurrent.CompletableFuture").named("delayedExecutor")));
        all.add(new BannedCall(
                THREADS,
                "CompletableFuture.{name}(...)",
                DELAYER,
                "ctx.time().timeout(limit, body) on a task from ctx.tasks()",
                on("java.util.concurrent.CompletableFuture").orSubtypes().named("orTimeout", "completeOnTimeout")));
        all.add(new BannedCall(
                THREADS,
                "Collection.parallelStream()",
                COMMON_POOL,
                "stream(), or tasks from ctx.tasks(),",
                on("java.util.Collection").orSubtypes().named("parallelStream")));
        all.add(new BannedCall(
                THREADS,
                "BaseStream.parallel()",
                COMMON_POOL,
                "a sequential stream, or tasks from ctx.tasks(),",
                on("java.util.stream.BaseStream").orSubtypes().named("parallel").withoutParameters()));
        all.add(new BannedCall(
                THREADS,
                "Arrays.{name}(...)",
                COMMON_POOL,
                "the sequential Arrays method, or tasks from ctx.tasks(),",
                on("java.util.Arrays").namedLike(n -> n.startsWith("parallel"))));
        all.add(new BannedCall(
                THREADS,
                "new Timer(...)",
                THREAD + " and waits in real time",
                "a task from ctx.tasks() that loops on ctx.time().sleep(...)",
                on("java.util.Timer").orSubtypes().constructors()));

        // sleeps and real-time waits
        all.add(new BannedCall(
                SLEEP,
                "Thread.sleep(...)",
                REAL_WAIT,
                "ctx.time().sleep(duration)",
                on("java.lang.Thread").named("sleep")));
        all.add(new BannedCall(
                SLEEP,
                "TimeUnit.sleep(...)",
                REAL_WAIT,
                "ctx.time().sleep(Duration.of(n, unit.toChronoUnit()))",
                on("java.util.concurrent.TimeUnit").named("sleep")));
        all.add(new BannedCall(
                SLEEP,
                "LockSupport.{name}(...)",
                REAL_WAIT,
                "ctx.time().sleep(duration), or an untimed wait that a task ends",
                on("java.util.concurrent.locks.LockSupport").named("parkNanos", "parkUntil")));

        // real network and files
        all.add(new BannedCall(
                REAL_IO,
                "new Socket(...)",
                SOCKET,
                "ctx.network().connect(address)",
                on("java.net.Socket").orSubtypes().constructors()));
        all.add(new BannedCall(
                REAL_IO,
                "new ServerSocket(...)",
                SOCKET,
                "ctx.network().bind(address)",
                on("java.net.ServerSocket").orSubtypes().constructors()));
        all.add(new BannedCall(
                REAL_IO,
                "new DatagramSocket(...)",
                SOCKET,
                "ctx.network() (connections between the simulated nodes)",
                on("java.net.DatagramSocket").orSubtypes().constructors()));
        all.add(new BannedCall(
                REAL_IO,
                "SocketChannel.open(...)",
                SOCKET,
                "ctx.network().connect(address)",
                on("java.nio.channels.SocketChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "ServerSocketChannel.open(...)",
                SOCKET,
                "ctx.network().bind(address)",
                on("java.nio.channels.ServerSocketChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "DatagramChannel.open(...)",
                SOCKET,
                "ctx.network() (connections between the simulated nodes)",
                on("java.nio.channels.DatagramChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "AsynchronousSocketChannel.open(...)",
                SOCKET,
                "ctx.network().connect(address)",
                on("java.nio.channels.AsynchronousSocketChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "AsynchronousServerSocketChannel.open(...)",
                SOCKET,
                "ctx.network().bind(address)",
                on("java.nio.channels.AsynchronousServerSocketChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "URL.{name}()",
                SOCKET,
                "ctx.network().connect(address)",
                on("java.net.URL").named("openConnection", "openStream")));
        for (String stream :
                List.of("FileInputStream", "FileOutputStream", "RandomAccessFile", "FileReader", "FileWriter")) {
            all.add(new BannedCall(
                    REAL_IO,
                    "new " + stream + "(...)",
                    FILE,
                    "ctx.storage().open(path, options)",
                    on("java.io." + stream).orSubtypes().constructors()));
        }
        all.add(new BannedCall(
                REAL_IO,
                "Files.{name}(...)",
                FILE,
                "ctx.storage() (open, exists, delete, rename, list)",
                on("java.nio.file.Files")));
        all.add(new BannedCall(
                REAL_IO,
                "FileChannel.open(...)",
                FILE,
                "ctx.storage().open(path, options)",
                on("java.nio.channels.FileChannel").named("open")));
        all.add(new BannedCall(
                REAL_IO,
                "AsynchronousFileChannel.open(...)",
                FILE,
                "ctx.storage().open(path, options)",
                on("java.nio.channels.AsynchronousFileChannel").named("open")));
        return List.copyOf(all);
    }
}
