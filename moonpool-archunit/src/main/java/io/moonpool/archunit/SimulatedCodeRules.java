package io.moonpool.archunit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchRule;
import io.moonpool.api.Simulated;
import io.moonpool.api.config.ConfigurationProblems;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * ArchUnit rules that keep calls no seed controls out of the classes a user simulates: one rule per family of
 * calls, and {@link #all()} for every family at once. Each violation names the call, its source line, and the
 * {@code SimContext} provider to use instead.
 *
 * <pre>{@code
 * JavaClasses classes = new ClassFileImporter().importPackages("com.acme.kv");
 * SimulatedCodeRules.forPackages("com.acme.kv..").all().check(classes);
 * }</pre>
 *
 * <p><b>Which classes are simulated.</b> The user says so, by package ({@link #forPackages}), by the
 * {@link Simulated @Simulated} annotation or an annotation of their own ({@link #forAnnotated()},
 * {@link #forAnnotatedWith}), or by any ArchUnit predicate ({@link #forClassesThat}). Classes outside the scope
 * may read the wall clock, start threads and open files as they like (a production {@code main}, a real
 * transport, the test driver itself). A banned call is found wherever the byte code of a simulated class makes
 * it: in its methods, constructors, initialisers and lambdas, and as a method reference ({@code Instant::now}).
 *
 * <p><b>The families.</b>
 * <ul>
 *   <li>{@link #wallClock()}: {@code System.currentTimeMillis()}, {@code System.nanoTime()}, {@code now()} of
 *       {@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code ZonedDateTime},
 *       {@code OffsetDateTime} and the other {@code java.time} types, with or without a {@code ZoneId}
 *       ({@code now(Clock)} is allowed: with {@code ctx.time().clock()} it reads simulated time),
 *       {@code Clock.system*()}, {@code Clock.tick*(ZoneId)}, {@code InstantSource.system()},
 *       {@code new Date()}, {@code Calendar.getInstance(...)}, {@code new GregorianCalendar()}: use
 *       {@code ctx.time()};</li>
 *   <li>{@link #randomness()}: {@code Math.random()}, {@code new Random()} without a seed,
 *       {@code ThreadLocalRandom}, {@code SecureRandom}, {@code UUID.randomUUID()},
 *       {@code new SplittableRandom()} without a seed, {@code RandomGenerator.getDefault()} and
 *       {@code of(name)}, {@code RandomGeneratorFactory.create()} without a seed, {@code Collections.shuffle}
 *       without a generator: use {@code ctx.random()} (a seeded {@code new Random(42)} is allowed: it
 *       replays);</li>
 *   <li>{@link #threads()}: {@code new Thread}, {@code Thread.ofPlatform()}, {@code Thread.ofVirtual()},
 *       {@code Thread.startVirtualThread}, {@code Executors.*} (but {@code Executors.callable}, which starts
 *       nothing), {@code new ThreadPoolExecutor}, {@code ForkJoinPool.commonPool()}, {@code new ForkJoinPool},
 *       {@code CompletableFuture}'s and {@code CompletionStage}'s {@code *Async} methods without an executor
 *       argument, {@code CompletableFuture.delayedExecutor}, {@code orTimeout} and {@code completeOnTimeout},
 *       {@code Collection.parallelStream()}, {@code BaseStream.parallel()}, {@code Arrays.parallel*},
 *       {@code java.util.Timer}: use {@code ctx.tasks()};</li>
 *   <li>{@link #sleep()}: {@code Thread.sleep}, {@code TimeUnit.sleep}, {@code LockSupport.parkNanos} and
 *       {@code parkUntil}: use {@code ctx.time().sleep(...)};</li>
 *   <li>{@link #realIo()}: {@code java.net.Socket}, {@code ServerSocket}, {@code DatagramSocket},
 *       {@code URL.openConnection()} and {@code openStream()}, the {@code open} methods of
 *       {@code SocketChannel}, {@code ServerSocketChannel}, {@code DatagramChannel},
 *       {@code AsynchronousSocketChannel}, {@code AsynchronousServerSocketChannel}, {@code FileChannel} and
 *       {@code AsynchronousFileChannel}, {@code FileInputStream}, {@code FileOutputStream},
 *       {@code RandomAccessFile}, {@code FileReader}, {@code FileWriter}, and every method of
 *       {@code java.nio.file.Files}: use {@code ctx.network()} and {@code ctx.storage()}.</li>
 * </ul>
 * Constructors match subclasses too ({@code new SSLSocket}, an anonymous {@code new Thread() {...}}), and
 * instance methods match whatever type the call is made on ({@code ArrayList.parallelStream()},
 * {@code CompletableFuture.thenApplyAsync(fn)}).
 *
 * <p><b>An empty scope fails.</b> A rule whose scope matches none of the imported classes fails with a message
 * naming the scope and the fix, because a mistyped package name or a forgotten import would otherwise make it
 * pass while it checks nothing. This holds whatever ArchUnit's {@code archRule.failOnEmptyShould} property
 * says; call {@code allowEmptyShould(true)} on a rule where an empty scope is expected.
 *
 * <p><b>What the rules cannot see.</b> They read byte code, so they find the calls simulated classes make
 * themselves, not those made inside a library the classes call (import the library's classes into the scope
 * to check it too), nor calls made by reflection. Identity hash codes and the iteration order of hashed
 * collections are not calls they can ban; the simulator's determinism check finds those.
 *
 * <p>Instances are immutable values; the rules they return are immutable too and may be kept in
 * {@code static final} fields (ArchUnit's {@code @ArchTest}).
 */
public final class SimulatedCodeRules {

    private final SimulatedScope scope;

    private SimulatedCodeRules(SimulatedScope scope) {
        this.scope = scope;
    }

    /**
     * The rules for the classes in some packages, named as ArchUnit names them: {@code "com.acme.kv"} is that
     * package alone, {@code "com.acme.kv.."} is it and its subpackages, {@code "..kv.."} any package with a
     * {@code kv} segment.
     *
     * @param packageIdentifiers the simulated packages, at least one
     * @return the rules for the classes in those packages
     * @throws io.moonpool.api.ConfigurationException naming every problem at once, if no package is given or a
     *                                                name is null, blank or not an ArchUnit package identifier
     */
    public static SimulatedCodeRules forPackages(String... packageIdentifiers) {
        ConfigurationProblems problems = new ConfigurationProblems("forPackages");
        if (packageIdentifiers == null || packageIdentifiers.length == 0) {
            problems.add("forPackages needs at least one package, such as \"com.acme.kv..\" (the package and its"
                    + " subpackages)");
            problems.throwIfAny();
        }
        List<PackageMatcher> matchers = new ArrayList<>();
        for (int i = 0; i < packageIdentifiers.length; i++) {
            String identifier = packageIdentifiers[i];
            if (identifier == null || identifier.isBlank()) {
                problems.add("forPackages package " + (i + 1) + " is " + (identifier == null ? "null" : "blank")
                        + ": name a package, such as \"com.acme.kv..\"");
                continue;
            }
            try {
                matchers.add(PackageMatcher.of(identifier));
            } catch (IllegalArgumentException e) {
                problems.add("forPackages package " + (i + 1) + " \"" + identifier + "\" is not an ArchUnit package"
                        + " identifier (" + e.getMessage() + "): write it as \"com.acme.kv\" for one package or"
                        + " \"com.acme.kv..\" for it and its subpackages");
            }
        }
        problems.throwIfAny();
        List<String> names = List.copyOf(Arrays.asList(packageIdentifiers));
        List<PackageMatcher> scope = List.copyOf(matchers);
        return new SimulatedCodeRules(new SimulatedScope(
                "classes in packages " + names, c -> scope.stream().anyMatch(m -> m.matches(c.getPackageName()))));
    }

    /**
     * The rules for the classes marked {@link Simulated @Simulated}: annotated themselves, nested in an annotated
     * class (anonymous and local classes included), in a package whose {@code package-info.java} is annotated
     * (not its subpackages), or annotated with an annotation that is itself annotated {@code @Simulated}.
     *
     * <p>An annotated package is seen when its {@code package-info} class is among the imported classes, as it is
     * when whole packages are imported ({@code ClassFileImporter.importPackages}).
     *
     * @return the rules for the classes marked {@code @Simulated}
     */
    public static SimulatedCodeRules forAnnotated() {
        return forAnnotatedWith(Simulated.class);
    }

    /**
     * The rules for the classes marked with an annotation of the user's own, the same way as
     * {@link #forAnnotated()} with {@code @Simulated}. The annotation needs {@code CLASS} or {@code RUNTIME}
     * retention: a {@code SOURCE} annotation is not in the byte code the rules read.
     *
     * @param annotation the marker
     * @return the rules for the classes marked with it
     * @throws NullPointerException if {@code annotation} is null
     * @throws io.moonpool.api.ConfigurationException if {@code annotation} has {@code SOURCE} retention
     */
    public static SimulatedCodeRules forAnnotatedWith(Class<? extends Annotation> annotation) {
        Objects.requireNonNull(annotation, "annotation");
        Retention retention = annotation.getAnnotation(Retention.class);
        // no @Retention means CLASS
        if (retention != null && retention.value() == RetentionPolicy.SOURCE) {
            new ConfigurationProblems("forAnnotatedWith")
                    .add("forAnnotatedWith(" + annotation.getName() + ".class): the annotation has SOURCE retention,"
                            + " so no class file carries it; give it @Retention(CLASS) or @Retention(RUNTIME)")
                    .throwIfAny();
        }
        return new SimulatedCodeRules(SimulatedScope.markedWith(annotation.getName()));
    }

    /**
     * The rules for the classes an ArchUnit predicate selects, for scopes that packages and annotations do not
     * describe (for example {@code JavaClass.Predicates.resideInAPackage("com.acme..")
     * .and(DescribedPredicate.not(JavaClass.Predicates.simpleNameEndingWith("Main")))}).
     *
     * @param predicate which classes are simulated; its description becomes part of every rule's description
     * @return the rules for the classes the predicate selects
     * @throws NullPointerException if {@code predicate} is null
     */
    public static SimulatedCodeRules forClassesThat(DescribedPredicate<? super JavaClass> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new SimulatedCodeRules(
                new SimulatedScope("classes that " + predicate.getDescription(), predicate::test));
    }

    /**
     * No simulated class reads the wall clock; {@code ctx.time()} gives simulated time ({@code now()},
     * {@code nanoTime()}, {@code clock()}).
     *
     * @return the rule
     */
    public ArchRule wallClock() {
        return rule(Nondeterminism.WALL_CLOCK);
    }

    /**
     * No simulated class draws randomness that no seed controls; {@code ctx.random()} is the seeded stream.
     *
     * @return the rule
     */
    public ArchRule randomness() {
        return rule(Nondeterminism.RANDOMNESS);
    }

    /**
     * No simulated class starts threads, uses thread pools or the common pool; {@code ctx.tasks()} spawns tasks
     * the simulation schedules, and its {@code executor()} stands in for an {@code ExecutorService}.
     *
     * @return the rule
     */
    public ArchRule threads() {
        return rule(Nondeterminism.THREADS);
    }

    /**
     * No simulated class sleeps or parks in real time, which the kernel would reject at run time (a seed that
     * fails); {@code ctx.time().sleep(...)} sleeps in simulated time, at no real cost.
     *
     * @return the rule
     */
    public ArchRule sleep() {
        return rule(Nondeterminism.SLEEP);
    }

    /**
     * No simulated class opens real sockets or touches real files; {@code ctx.network()} connects the simulated
     * nodes and {@code ctx.storage()} is each node's simulated disk, both with their faults.
     *
     * @return the rule
     */
    public ArchRule realIo() {
        return rule(Nondeterminism.REAL_IO);
    }

    /**
     * Every rule above as one: it reports every banned call of every family, and an empty scope once.
     *
     * @return the combined rule
     */
    public ArchRule all() {
        StringBuilder description =
                new StringBuilder("no " + scope.description() + " should make calls no seed" + " controls:");
        String separator = " ";
        for (Nondeterminism family : Nondeterminism.values()) {
            description
                    .append(separator)
                    .append(family.forbidden)
                    .append(" (use ")
                    .append(family.provider)
                    .append(')');
            separator = ", ";
        }
        return new ScopedRule(scope, BannedCalls.ALL, description.toString(), false);
    }

    private ArchRule rule(Nondeterminism family) {
        return new ScopedRule(
                scope,
                BannedCalls.of(family),
                "no " + scope.description() + " should " + family.forbidden + "; use " + family.provider + " instead",
                false);
    }

    /**
     * Which classes these rules check, as their descriptions say it.
     *
     * @return for example {@code "SimulatedCodeRules for classes in packages [com.acme.kv..]"}
     */
    @Override
    public String toString() {
        return "SimulatedCodeRules for " + scope.description();
    }
}
