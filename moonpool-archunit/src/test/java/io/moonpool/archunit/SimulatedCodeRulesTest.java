package io.moonpool.archunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.moonpool.api.ConfigurationException;
import io.moonpool.archunit.fixtures.clean.ProviderOnlyWorkload;
import io.moonpool.archunit.fixtures.marked.Deterministic;
import io.moonpool.archunit.fixtures.marked.SourceOnly;
import io.moonpool.archunit.fixtures.outside.RealClockService;
import io.moonpool.archunit.fixtures.simulated.RealIo;
import io.moonpool.archunit.fixtures.simulated.RealTimeSleeps;
import io.moonpool.archunit.fixtures.simulated.ThreadsAndPools;
import io.moonpool.archunit.fixtures.simulated.UnseededRandomness;
import io.moonpool.archunit.fixtures.simulated.WallClockReads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every banned call is planted in a fixture method of its own ({@code fixtures.simulated}); each rule must report
 * exactly the methods of its family, each with the call and the provider to use instead, and nothing from clean
 * code or code outside the scope.
 */
class SimulatedCodeRulesTest {

    private static final String FIXTURES = "io.moonpool.archunit.fixtures";
    private static final String SIMULATED = FIXTURES + ".simulated..";

    private static JavaClasses classes;

    @BeforeAll
    static void importFixtures() {
        classes = new ClassFileImporter().importPackages(FIXTURES);
    }

    /** A planted violation: the fixture method, the call the message must name, and the provider. */
    private record Planted(String method, String call, String provider) {}

    private static final String TIME = "ctx.time()";
    private static final String RANDOM = "ctx.random()";
    private static final String TASKS = "ctx.tasks()";
    private static final String SLEEP = "ctx.time().sleep(";
    private static final String NETWORK = "ctx.network()";
    private static final String STORAGE = "ctx.storage()";

    @Test
    void wallClockNamesEveryReadAndCtxTime() {
        assertFindsExactly(
                rules().wallClock(),
                WallClockReads.class,
                List.of(
                        new Planted("currentTimeMillis", "System.currentTimeMillis()", TIME),
                        new Planted("nanoTime", "System.nanoTime()", TIME),
                        new Planted("instantNow", "Instant.now()", TIME),
                        new Planted("instantNowReference", "Instant.now()", TIME),
                        new Planted("localDateNow", "LocalDate.now()", TIME),
                        new Planted("localDateNowInZone", "LocalDate.now()", TIME),
                        new Planted("localTimeNow", "LocalTime.now()", TIME),
                        new Planted("localDateTimeNow", "LocalDateTime.now()", TIME),
                        new Planted("zonedDateTimeNow", "ZonedDateTime.now()", TIME),
                        new Planted("offsetDateTimeNow", "OffsetDateTime.now()", TIME),
                        new Planted("offsetTimeNow", "OffsetTime.now()", TIME),
                        new Planted("yearNow", "Year.now()", TIME),
                        new Planted("yearMonthNow", "YearMonth.now()", TIME),
                        new Planted("monthDayNow", "MonthDay.now()", TIME),
                        new Planted("japaneseDateNow", "JapaneseDate.now()", TIME),
                        new Planted("chronologyDateNow", "Chronology.dateNow()", TIME),
                        new Planted("clockSystemUtc", "Clock.systemUTC(...)", "ctx.time().clock()"),
                        new Planted("clockSystemDefaultZone", "Clock.systemDefaultZone(...)", "ctx.time().clock()"),
                        new Planted("clockSystem", "Clock.system(...)", "ctx.time().clock()"),
                        new Planted("clockTickMillis", "Clock.tickMillis(ZoneId)", "ctx.time().clock()"),
                        new Planted("instantSourceSystem", "InstantSource.system()", "ctx.time().clock()"),
                        new Planted("newDate", "new Date()", TIME),
                        new Planted("calendarGetInstance", "Calendar.getInstance(...)", TIME),
                        new Planted("newGregorianCalendar", "new GregorianCalendar()", TIME)));
    }

    @Test
    void randomnessNamesEveryUnseededSourceAndCtxRandom() {
        assertFindsExactly(
                rules().randomness(),
                UnseededRandomness.class,
                List.of(
                        new Planted("mathRandom", "Math.random()", RANDOM),
                        new Planted("strictMathRandom", "StrictMath.random()", RANDOM),
                        new Planted("newRandom", "new Random()", RANDOM),
                        new Planted("threadLocalRandom", "ThreadLocalRandom.current()", RANDOM),
                        new Planted("newSecureRandom", "new SecureRandom(...)", RANDOM),
                        new Planted("secureRandomGetInstance", "SecureRandom.getInstance(...)", RANDOM),
                        new Planted("secureRandomGetInstanceStrong", "SecureRandom.getInstanceStrong(...)", RANDOM),
                        new Planted("randomUuid", "UUID.randomUUID()", RANDOM),
                        new Planted("newSplittableRandom", "new SplittableRandom()", RANDOM),
                        new Planted("randomGeneratorGetDefault", "RandomGenerator.getDefault(...)", RANDOM),
                        new Planted("randomGeneratorOf", "RandomGenerator.of(...)", RANDOM),
                        new Planted("splittableGeneratorOf", "SplittableGenerator.of(...)", RANDOM),
                        new Planted("streamableGeneratorOf", "StreamableGenerator.of(...)", RANDOM),
                        new Planted("jumpableGeneratorOf", "JumpableGenerator.of(...)", RANDOM),
                        new Planted("leapableGeneratorOf", "LeapableGenerator.of(...)", RANDOM),
                        new Planted("arbitrarilyJumpableGeneratorOf", "ArbitrarilyJumpableGenerator.of(...)", RANDOM),
                        new Planted("randomGeneratorFactoryCreate", "RandomGeneratorFactory.create()", RANDOM),
                        new Planted("collectionsShuffle", "Collections.shuffle(list)", RANDOM)));
    }

    @Test
    void threadsNamesEveryThreadPoolAndCommonPoolUseAndCtxTasks() {
        assertFindsExactly(
                rules().threads(),
                ThreadsAndPools.class,
                List.of(
                        new Planted("newThread", "new Thread(...)", TASKS),
                        new Planted("threadOfPlatform", "Thread.ofPlatform()", TASKS),
                        new Planted("threadOfVirtual", "Thread.ofVirtual(...)", TASKS),
                        new Planted("startVirtualThread", "Thread.startVirtualThread(...)", TASKS),
                        new Planted("executorsNewFixedThreadPool", "Executors.newFixedThreadPool(...)", TASKS),
                        new Planted(
                                "executorsNewVirtualThreadPerTaskExecutor",
                                "Executors.newVirtualThreadPerTaskExecutor(...)",
                                TASKS),
                        new Planted("newThreadPoolExecutor", "new ThreadPoolExecutor(...)", TASKS),
                        new Planted("newScheduledThreadPoolExecutor", "new ThreadPoolExecutor(...)", TASKS),
                        new Planted("forkJoinCommonPool", "ForkJoinPool.commonPool()", TASKS),
                        new Planted("newForkJoinPool", "new ForkJoinPool(...)", TASKS),
                        new Planted(
                                "supplyAsync",
                                "CompletableFuture.supplyAsync(...) without an executor",
                                "CompletableFuture.supplyAsync(..., ctx.tasks().executor())"),
                        new Planted("runAsync", "CompletableFuture.runAsync(...) without an executor", TASKS),
                        new Planted("thenRunAsync", "CompletableFuture.thenRunAsync(...) without an executor", TASKS),
                        new Planted(
                                "completionStageThenRunAsync",
                                "CompletionStage.thenRunAsync(...) without an executor",
                                TASKS),
                        new Planted("completeAsync", "CompletableFuture.completeAsync(...) without an executor", TASKS),
                        new Planted("delayedExecutor", "CompletableFuture.delayedExecutor(...)", TASKS),
                        new Planted("orTimeout", "CompletableFuture.orTimeout(...)", "ctx.time().timeout("),
                        new Planted(
                                "completeOnTimeout", "CompletableFuture.completeOnTimeout(...)", "ctx.time().timeout("),
                        new Planted("listParallelStream", "Collection.parallelStream()", TASKS),
                        new Planted("arrayListParallelStream", "Collection.parallelStream()", TASKS),
                        new Planted("streamParallel", "BaseStream.parallel()", TASKS),
                        new Planted("intStreamParallel", "BaseStream.parallel()", TASKS),
                        new Planted("arraysParallelSort", "Arrays.parallelSort(...)", TASKS),
                        new Planted("newTimer", "new Timer(...)", TASKS)));
    }

    @Test
    void sleepNamesEveryRealTimeWaitAndCtxTimeSleep() {
        assertFindsExactly(
                rules().sleep(),
                RealTimeSleeps.class,
                List.of(
                        new Planted("threadSleep", "Thread.sleep(...)", SLEEP),
                        new Planted("threadSleepDuration", "Thread.sleep(...)", SLEEP),
                        new Planted("timeUnitSleep", "TimeUnit.sleep(...)", SLEEP),
                        new Planted("parkNanos", "LockSupport.parkNanos(...)", SLEEP),
                        new Planted("parkUntil", "LockSupport.parkUntil(...)", SLEEP)));
    }

    @Test
    void realIoNamesEverySocketAndFileAndCtxNetworkOrStorage() {
        assertFindsExactly(
                rules().realIo(),
                RealIo.class,
                List.of(
                        new Planted("newSocket", "new Socket(...)", "ctx.network().connect("),
                        new Planted("newServerSocket", "new ServerSocket(...)", "ctx.network().bind("),
                        new Planted("newDatagramSocket", "new DatagramSocket(...)", NETWORK),
                        new Planted("socketChannelOpen", "SocketChannel.open(...)", "ctx.network().connect("),
                        new Planted("serverSocketChannelOpen", "ServerSocketChannel.open(...)", "ctx.network().bind("),
                        new Planted("datagramChannelOpen", "DatagramChannel.open(...)", NETWORK),
                        new Planted(
                                "asynchronousSocketChannelOpen",
                                "AsynchronousSocketChannel.open(...)",
                                "ctx.network().connect("),
                        new Planted(
                                "asynchronousServerSocketChannelOpen",
                                "AsynchronousServerSocketChannel.open(...)",
                                "ctx.network().bind("),
                        new Planted("urlOpenConnection", "URL.openConnection()", NETWORK),
                        new Planted("urlOpenStream", "URL.openStream()", NETWORK),
                        new Planted("newFileInputStream", "new FileInputStream(...)", "ctx.storage().open("),
                        new Planted("newFileOutputStream", "new FileOutputStream(...)", "ctx.storage().open("),
                        new Planted("newRandomAccessFile", "new RandomAccessFile(...)", "ctx.storage().open("),
                        new Planted("newFileReader", "new FileReader(...)", "ctx.storage().open("),
                        new Planted("newFileWriter", "new FileWriter(...)", "ctx.storage().open("),
                        new Planted("filesReadAllBytes", "Files.readAllBytes(...)", STORAGE),
                        new Planted("filesExists", "Files.exists(...)", STORAGE),
                        new Planted("fileChannelOpen", "FileChannel.open(...)", "ctx.storage().open("),
                        new Planted("asynchronousFileChannelOpen", "AsynchronousFileChannel.open(...)", STORAGE)));
    }

    @Test
    void allReportsEveryFamilyAtOnce() {
        List<String> all = violations(rules().all());
        int families = 0;
        for (ArchRule family : List.of(
                rules().wallClock(), rules().randomness(), rules().threads(), rules().sleep(), rules().realIo())) {
            families += violations(family).size();
        }
        assertEquals(families, all.size(), () -> String.join("\n", all));
        assertTrue(all.size() > 80, "every planted call of every family: " + all.size());
    }

    @Test
    void twoEvaluationsReportTheSameInTheSameOrder() {
        assertEquals(violations(rules().all()), violations(rules().all()));
    }

    @Test
    void checkFailsWithTheCallAndTheProvider() {
        AssertionError e =
                assertThrows(AssertionError.class, () -> rules().wallClock().check(classes));
        assertTrue(
                e.getMessage().contains("no classes in packages [" + SIMULATED + "] should read the wall clock"),
                e.getMessage());
        assertTrue(e.getMessage().contains("calls method <java.lang.System.currentTimeMillis()>"), e.getMessage());
        assertTrue(e.getMessage().contains("use ctx.time().now().toEpochMilli() instead"), e.getMessage());
    }

    @Test
    void cleanCodeAndCodeOutsideTheScopePass() {
        // the import holds the wall-clock, thread and file use of fixtures.outside too
        assertTrue(classes.contain(RealClockService.class));
        SimulatedCodeRules clean = SimulatedCodeRules.forPackages(FIXTURES + ".clean..");
        for (ArchRule rule : List.of(
                clean.wallClock(), clean.randomness(), clean.threads(), clean.sleep(), clean.realIo(), clean.all())) {
            rule.check(classes);
        }
        assertTrue(classes.contain(ProviderOnlyWorkload.class));
    }

    @Test
    void anAnnotatedPackageMarksEveryClassInItButNotItsSubpackages() {
        List<String> found = violations(SimulatedCodeRules.forAnnotated().wallClock());
        assertTrue(
                found.stream()
                        .anyMatch(d -> d.startsWith("Method <" + FIXTURES + ".annotated.PackageMarkedClock.elapsed()>")
                                && d.contains("System.nanoTime()")),
                () -> String.join("\n", found));
        assertTrue(found.stream().noneMatch(d -> d.contains("SubpackageClock")), () -> String.join("\n", found));
    }

    @Test
    void anAnnotatedClassMarksItsNestedAnonymousAndLambdaCode() {
        List<String> found = origins(SimulatedCodeRules.forAnnotated().wallClock());
        String marked = FIXTURES + ".marked.MarkedClock";
        assertTrue(found.contains(marked + ".direct()"), found::toString);
        // ArchUnit reports a call in a lambda as made by the method that holds the lambda
        assertTrue(found.contains(marked + ".inLambda()"), found::toString);
        assertTrue(found.contains(marked + "$1.getAsLong()"), found::toString);
        assertTrue(found.contains(marked + "$Nested.read()"), found::toString);
        assertTrue(found.stream().noneMatch(o -> o.contains("UnmarkedClock")), found::toString);
        assertTrue(found.stream().noneMatch(o -> o.contains("DeterministicClock")), found::toString);
        assertTrue(found.stream().noneMatch(o -> o.contains(".simulated.")), found::toString);
    }

    @Test
    void anAnnotationThatCarriesSimulatedMarksWhatItAnnotates() {
        List<String> found = origins(SimulatedCodeRules.forAnnotated().wallClock());
        assertTrue(found.contains(FIXTURES + ".marked.ComponentClock.read()"), found::toString);
    }

    @Test
    void aMarkerOfTheUsersOwnSelectsOnlyWhatItMarks() {
        assertEquals(
                List.of(FIXTURES + ".marked.DeterministicClock.read()"),
                origins(SimulatedCodeRules.forAnnotatedWith(Deterministic.class).all()));
    }

    @Test
    void aPredicateScopeUsesItsDescription() {
        ArchRule rule = SimulatedCodeRules.forClassesThat(DescribedPredicate.describe(
                        "are the unmarked clock", c -> c.getSimpleName().equals("UnmarkedClock")))
                .wallClock();
        assertTrue(
                rule.getDescription().startsWith("no classes that are the unmarked clock should read"),
                rule.getDescription());
        assertEquals(List.of(FIXTURES + ".marked.UnmarkedClock.read()"), origins(rule));
    }

    @Test
    void anEmptyScopeFailsNamingTheScopeAndTheFix() {
        ArchRule rule = SimulatedCodeRules.forPackages("com.acme.kv..").all();
        List<String> found = violations(rule);
        assertEquals(1, found.size(), found::toString);
        String message = found.getFirst();
        assertTrue(message.contains("none of the " + classes.size() + " imported classes"), message);
        assertTrue(message.contains("classes in packages [com.acme.kv..]"), message);
        assertTrue(message.contains("allowEmptyShould(true)"), message);
        assertThrows(AssertionError.class, () -> rule.check(new ClassFileImporter().importClasses()));
    }

    @Test
    void allowEmptyShouldLetsAnEmptyScopePassButStillChecksAFullOne() {
        SimulatedCodeRules.forPackages("com.acme.kv..")
                .all()
                .allowEmptyShould(true)
                .check(classes);
        assertTrue(violations(rules().all().allowEmptyShould(true)).size() > 80);
    }

    @Test
    void becauseAndAsChangeOnlyTheDescription() {
        ArchRule rule = rules().sleep().because("a sleep stops the simulated world");
        assertTrue(
                rule.getDescription().endsWith(", because a sleep stops the simulated world"), rule.getDescription());
        assertEquals(5, violations(rule).size());
        ArchRule renamed = rules().sleep().as("no real sleeps");
        assertEquals("no real sleeps", renamed.getDescription());
        assertEquals(5, violations(renamed).size());
    }

    @Test
    void subtypesOfJdkTypesAreFoundWithoutArchUnitsClassPathResolution() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        try {
            JavaClasses unresolved = new ClassFileImporter().importClasses(ThreadsAndPools.class);
            List<String> found = origins(rules().threads(), unresolved);
            String fixture = ThreadsAndPools.class.getName();
            assertTrue(found.contains(fixture + ".arrayListParallelStream(java.util.ArrayList)"), found::toString);
            assertTrue(found.contains(fixture + ".newScheduledThreadPoolExecutor()"), found::toString);
            assertTrue(
                    found.contains(
                            fixture + ".thenRunAsync(java.util.concurrent.CompletableFuture, java.lang.Runnable)"),
                    found::toString);
        } finally {
            ArchConfiguration.get().reset();
        }
    }

    @Test
    void badPackageNamesAreRejectedTogetherNamingEachAndTheFix() {
        ConfigurationException none = assertThrows(ConfigurationException.class, SimulatedCodeRules::forPackages);
        assertTrue(none.getMessage().contains("at least one package"), none.getMessage());
        ConfigurationException bad = assertThrows(
                ConfigurationException.class, () -> SimulatedCodeRules.forPackages("com.acme..", " ", "a...b"));
        assertEquals(2, bad.problems().size(), bad.problems()::toString);
        assertTrue(bad.problems().get(0).contains("package 2 is blank"), bad.problems()::toString);
        assertTrue(bad.problems().get(1).contains("package 3 \"a...b\""), bad.problems()::toString);
    }

    @Test
    void aSourceRetentionMarkerIsRejectedBecauseNoClassFileKeepsIt() {
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> SimulatedCodeRules.forAnnotatedWith(SourceOnly.class));
        assertTrue(e.getMessage().contains("@Retention(CLASS) or @Retention(RUNTIME)"), e.getMessage());
    }

    @Test
    void everyCatalogEntryIsPlantedAndNamesAProvider() {
        for (BannedCall call : BannedCalls.ALL) {
            assertTrue(call.instead().contains("ctx."), call::toString);
        }
        // each entry matched at least one planted call: none is dead
        List<BannedCall> unused = new ArrayList<>(BannedCalls.ALL);
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith(FIXTURES + ".simulated")) {
                c.getAccessesFromSelf()
                        .forEach(a -> unused.removeIf(b -> b.pattern().test(a)));
            }
        }
        assertEquals(List.of(), unused.stream().map(BannedCall::call).toList(), "catalog entries no fixture plants");
    }

    private static SimulatedCodeRules rules() {
        return SimulatedCodeRules.forPackages(SIMULATED);
    }

    private static List<String> violations(ArchRule rule) {
        return violations(rule, classes);
    }

    private static List<String> violations(ArchRule rule, JavaClasses imported) {
        EvaluationResult result = rule.evaluate(imported);
        return result.getFailureReport().getDetails();
    }

    /** The code units that make the violating calls, as {@code Class.method(parameters)}. */
    private static List<String> origins(ArchRule rule) {
        return origins(rule, classes);
    }

    private static List<String> origins(ArchRule rule, JavaClasses imported) {
        Function<String, String> origin = d -> d.substring(d.indexOf('<') + 1, d.indexOf('>'));
        return violations(rule, imported).stream().map(origin).toList();
    }

    /**
     * Asserts that {@code rule} reports exactly one violation per planted method of {@code fixture}, each naming the
     * call and the provider, and nothing in any other class of {@code fixtures.simulated}.
     */
    private static void assertFindsExactly(ArchRule rule, Class<?> fixture, List<Planted> planted) {
        List<String> found = violations(rule);
        String all = String.join("\n", found);
        for (Planted p : planted) {
            String prefix = "Method <" + fixture.getName() + "." + p.method() + "(";
            List<String> hits = found.stream().filter(d -> d.startsWith(prefix)).toList();
            assertEquals(1, hits.size(), () -> p + " found " + hits.size() + " times in:\n" + all);
            String hit = hits.getFirst();
            assertTrue(hit.contains(": " + p.call() + " "), () -> "no call " + p.call() + " in: " + hit);
            assertTrue(
                    hit.contains("; use ")
                            && hit.substring(hit.indexOf("; use ")).contains(p.provider()),
                    () -> "no provider " + p.provider() + " in: " + hit);
        }
        assertEquals(planted.size(), found.size(), () -> "violations beyond the planted ones:\n" + all);
        assertFalse(found.isEmpty());
    }
}
