package io.moonpool.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The structure of the published modules' main code, checked on every build: which packages may use which,
 * that real time and real randomness are touched only where a reason is written down, and that nothing
 * internal is exported or leaks into a public signature.
 *
 * <p>Rules name packages, not classes, so that moving code between the classes of one package keeps them
 * true. The examples and the benchmarks are not published and not checked.
 */
@AnalyzeClasses(packages = "io.moonpool", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String KERNEL = "io.moonpool.sim.internal.kernel";
    private static final String RUNNER = "io.moonpool.sim.internal.runner";
    private static final String SIM = "io.moonpool.sim";
    private static final String RUNTIME = "io.moonpool.runtime";
    private static final String RUNTIME_INTERNAL = "io.moonpool.runtime.internal";

    /**
     * The real-time and real-randomness calls our main code may make, by package and call: everything else
     * would make a seed replay differently. Each entry says which use it is today; code that moves to another
     * package takes its entry along (everyAllowedUseExists fails on an entry no code needs any more).
     */
    private static final List<Allowed> ALLOWED = List.of(
            new Allowed(
                    RUNNER,
                    RealWorld.NANO_TIME,
                    "the wall-time budget of .timeLimit(...), the report's total wall time and each iteration's"
                            + " wall time in its RunResult"),
            new Allowed(
                    RUNNER,
                    RealWorld.SECURE_RANDOM,
                    "the base seed when neither .seeds(...) nor -Dmoonpool.seed gives one"),
            new Allowed(
                    KERNEL,
                    RealWorld.NANO_TIME,
                    "the hand-off grace: real time the JDK's unblocker gets to hand a task back from a monitor,"
                            + " a foreign wake-up to arrive, and the watchdog's stuck-step timing"),
            new Allowed(
                    KERNEL,
                    RealWorld.PARK_NANOS,
                    "the kernel's wait, between looks, for a wake-up from outside the simulation"),
            new Allowed(
                    KERNEL,
                    RealWorld.THREAD_SLEEP,
                    "the stuck-step watchdog's platform thread, between two looks at the kernel"),
            // the production runtime is the real world on purpose: no simulation runs there
            new Allowed(
                    RUNTIME,
                    RealWorld.SECURE_RANDOM,
                    "NodeRuntime's default seed of ctx.random() when the builder gives none (production, not"
                            + " simulated)"),
            new Allowed(
                    RUNTIME_INTERNAL,
                    RealWorld.NANO_TIME,
                    "a production node's Time.nanoTime() and SimState.now(), and its grace-period and stop waits"),
            new Allowed(RUNTIME_INTERNAL, RealWorld.INSTANT_NOW, "a production node's Time.now(): the system clock"),
            new Allowed(
                    RUNTIME_INTERNAL, RealWorld.SYSTEM_CLOCK, "a production node's Time.clock(): Clock.systemUTC()"),
            new Allowed(
                    RUNTIME_INTERNAL,
                    RealWorld.THREAD_SLEEP,
                    "a production node's Time.sleep(): a real sleep on a virtual thread"));

    /** The kernel is the bottom layer: the runner drives it, never the other way round. */
    @ArchTest
    static final ArchRule theKernelDoesNotDependOnTheRunner = noClasses()
            .that()
            .resideInAPackage(KERNEL + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(RUNNER + "..", SIM)
            .because("the kernel knows tasks, time and events, not workloads, iterations or reports");

    /** Plugins are written against the API and its SPI alone, like a third party's. */
    @ArchTest
    static final ArchRule pluginsDependOnNothingOfTheSimulator = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.moonpool.net..", "io.moonpool.storage..", "io.moonpool.faults..", "io.moonpool.slf4j..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SIM + "..")
            .because("plugins (and the logging adapter) depend on moonpool-api alone, so that a third-party plugin"
                    + " can do what they do");

    /** The production runtime is built on the API alone (and Guice for its module), like user code. */
    @ArchTest
    static final ArchRule theRuntimeDependsOnTheApiOnly = classes()
            .that()
            .resideInAPackage(RUNTIME + "..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.moonpool.api..", RUNTIME + "..", "java..", "com.google.inject..")
            .because("moonpool-runtime runs the simulated classes in production: it must not need the simulator,"
                    + " its plugins or its test support");

    /** Real time and real randomness only where {@link #ALLOWED} says why. */
    @ArchTest
    static final ArchRule realTimeAndRandomnessOnlyWhereAllowed = classes().should(touchTheRealWorldOnlyAsAllowed());

    /** A public type of an API package shows no internal type in what a caller can see. */
    @ArchTest
    static final ArchRule publicSignaturesShowNoInternalType =
            classes().that(areApi()).should(showNoInternalTypeInTheirSignatures());

    /** The rules above would pass on an empty import: check that every published module was seen. */
    @ArchTest
    static void everyPublishedModuleIsImported(JavaClasses classes) {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        for (String expected : List.of(
                "io.moonpool.api",
                "io.moonpool.api.spi",
                SIM,
                KERNEL,
                RUNNER,
                "io.moonpool.net",
                "io.moonpool.storage",
                "io.moonpool.faults",
                "io.moonpool.slf4j",
                "io.moonpool.junit",
                "io.moonpool.junit.internal",
                "io.moonpool.archunit",
                RUNTIME,
                RUNTIME_INTERNAL)) {
            assertTrue(packages.contains(expected), () -> expected + " was not imported: " + new TreeSet<>(packages));
        }
    }

    /** The allow-list names no use that has gone: each entry is still needed by the code. */
    @ArchTest
    static void everyAllowedUseExists(JavaClasses classes) {
        Set<Allowed> used = new TreeSet<>(Allowed.ORDER);
        for (JavaClass c : classes) {
            for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                RealWorld.of(access)
                        .flatMap(api -> allowed(c.getPackageName(), api))
                        .ifPresent(used::add);
            }
        }
        List<Allowed> unused = new ArrayList<>(ALLOWED);
        unused.removeAll(used);
        assertEquals(List.of(), unused, "allowed uses that no code makes any more: remove them from ALLOWED");
    }

    /** No published module exports a package named {@code internal}. */
    @ArchTest
    static void noModuleExportsAnInternalPackage(JavaClasses ignored) throws IOException {
        Map<String, Set<String>> exports = new TreeMap<>();
        for (URL url : Collections.list(ArchitectureTest.class.getClassLoader().getResources("module-info.class"))) {
            try (InputStream in = url.openStream()) {
                ModuleDescriptor module = ModuleDescriptor.read(in);
                if (module.name().startsWith("io.moonpool.")) {
                    exports.put(
                            module.name(),
                            module.exports().stream()
                                    .map(ModuleDescriptor.Exports::source)
                                    .collect(Collectors.toCollection(TreeSet::new)));
                }
            }
        }
        assertEquals(
                Set.of(
                        "io.moonpool.api",
                        "io.moonpool.sim",
                        "io.moonpool.net",
                        "io.moonpool.storage",
                        "io.moonpool.faults",
                        "io.moonpool.slf4j",
                        "io.moonpool.junit",
                        "io.moonpool.archunit",
                        "io.moonpool.runtime",
                        "io.moonpool.testkit"),
                exports.keySet(),
                "the published modules found on the class path");
        exports.forEach((module, packages) -> packages.forEach(
                p -> assertTrue(!p.contains(".internal"), () -> module + " exports its internal package " + p)));
    }

    private static Optional<Allowed> allowed(String packageName, RealWorld api) {
        return ALLOWED.stream()
                .filter(a -> a.packageName().equals(packageName) && a.api() == api)
                .findFirst();
    }

    private static ArchCondition<JavaClass> touchTheRealWorldOnlyAsAllowed() {
        return new ArchCondition<>("touch real time or real randomness only as ArchitectureTest.ALLOWED says") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                    RealWorld.of(access).ifPresent(api -> {
                        if (allowed(c.getPackageName(), api).isEmpty()) {
                            events.add(SimpleConditionEvent.violated(
                                    access,
                                    access.getDescription()
                                            + ": " + api.description + " in " + c.getPackageName()
                                            + " breaks replay; use the kernel's time and seeded random, or add an entry"
                                            + " with its reason to ArchitectureTest.ALLOWED"));
                        }
                    });
                }
            }
        };
    }

    private static DescribedPredicate<JavaClass> areApi() {
        return new DescribedPredicate<>("are public types of a package that is not internal") {
            @Override
            public boolean test(JavaClass c) {
                if (c.getPackageName().contains(".internal")) {
                    return false;
                }
                for (Optional<JavaClass> k = Optional.of(c);
                        k.isPresent();
                        k = k.get().getEnclosingClass()) {
                    if (!k.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    private static ArchCondition<JavaClass> showNoInternalTypeInTheirSignatures() {
        return new ArchCondition<>("show no ..internal.. type in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(c.getInterfaces());
                c.getSuperclass().ifPresent(supertypes::add);
                for (JavaType t : supertypes) {
                    report(c, "extends or implements", t, events);
                }
                for (JavaField f : c.getFields()) {
                    if (visible(f.getModifiers())) {
                        report(c, "field " + f.getName(), f.getType(), events);
                    }
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!visible(u.getModifiers()) || u.getName().startsWith("lambda$")) {
                        continue;
                    }
                    report(c, u.getFullName(), u.getReturnType(), events);
                    for (JavaType p : u.getParameterTypes()) {
                        report(c, u.getFullName(), p, events);
                    }
                    for (JavaClass e : u.getExceptionTypes()) {
                        report(c, u.getFullName(), e, events);
                    }
                }
            }
        };
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void report(JavaClass c, String where, JavaType type, ConditionEvents events) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().startsWith("io.moonpool.")
                    && raw.getPackageName().contains(".internal")) {
                events.add(SimpleConditionEvent.violated(
                        c,
                        c.getName() + ": " + where + " shows the internal type " + raw.getName()
                                + "; keep it out of the API or move it to an API package"));
            }
        }
    }

    /** A call into real time or real randomness, which no seed controls. */
    enum RealWorld {
        NANO_TIME("System.nanoTime()"),
        CURRENT_TIME_MILLIS("System.currentTimeMillis()"),
        INSTANT_NOW("Instant.now()"),
        SYSTEM_CLOCK("Clock.systemUTC()/systemDefaultZone()"),
        NEW_RANDOM("new Random(...)"),
        THREAD_LOCAL_RANDOM("ThreadLocalRandom"),
        MATH_RANDOM("Math.random()"),
        SECURE_RANDOM("SecureRandom"),
        THREAD_SLEEP("Thread.sleep(...)"),
        PARK_NANOS("LockSupport.parkNanos/parkUntil(...)");

        final String description;

        RealWorld(String description) {
            this.description = description;
        }

        static Optional<RealWorld> of(JavaAccess<?> access) {
            JavaClass owner = access.getTargetOwner();
            String name = access.getName();
            if (owner.isEquivalentTo(System.class)) {
                return name.equals("nanoTime")
                        ? Optional.of(NANO_TIME)
                        : name.equals("currentTimeMillis") ? Optional.of(CURRENT_TIME_MILLIS) : Optional.empty();
            }
            // Instant.now(clock) with the simulation's clock is fine
            if (owner.isEquivalentTo(Instant.class)
                    && access.getTarget().getFullName().endsWith(".now()")) {
                return Optional.of(INSTANT_NOW);
            }
            if (owner.isEquivalentTo(Clock.class) && name.startsWith("system")) {
                return Optional.of(SYSTEM_CLOCK);
            }
            // SecureRandom before Random: it is one
            if (owner.isAssignableTo(SecureRandom.class)) {
                return Optional.of(SECURE_RANDOM);
            }
            if (owner.isEquivalentTo(Random.class) && name.equals("<init>")) {
                return Optional.of(NEW_RANDOM);
            }
            if (owner.isEquivalentTo(ThreadLocalRandom.class)) {
                return Optional.of(THREAD_LOCAL_RANDOM);
            }
            if ((owner.isEquivalentTo(Math.class) || owner.isEquivalentTo(StrictMath.class)) && name.equals("random")) {
                return Optional.of(MATH_RANDOM);
            }
            if (owner.isEquivalentTo(Thread.class) && name.equals("sleep")) {
                return Optional.of(THREAD_SLEEP);
            }
            if (owner.isEquivalentTo(LockSupport.class) && (name.equals("parkNanos") || name.equals("parkUntil"))) {
                return Optional.of(PARK_NANOS);
            }
            return Optional.empty();
        }
    }

    /**
     * One legitimate use of real time or randomness.
     *
     * @param packageName the package whose classes may make the call (not its subpackages)
     * @param api         the call
     * @param reason      which use it is, for the reader of this list
     */
    record Allowed(String packageName, RealWorld api, String reason) {
        static final java.util.Comparator<Allowed> ORDER =
                java.util.Comparator.comparing(Allowed::packageName).thenComparing(Allowed::api);
    }
}
