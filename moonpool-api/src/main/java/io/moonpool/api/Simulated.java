package io.moonpool.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that runs inside a simulation, so that the ArchUnit rules of {@code moonpool-archunit}
 * ({@code io.moonpool.archunit.SimulatedCodeRules.forAnnotated()}) check it for calls that no seed controls:
 * wall-clock reads, unseeded randomness, threads and pools of its own, real-time sleeps, real sockets and files.
 *
 * <p>It changes nothing at run time: neither the simulator nor anything else reads it while code runs, and code
 * without it is simulated just the same. It only says which classes the rules look at.
 *
 * <p>What it marks:
 * <ul>
 *   <li>on a class, interface, enum or record: that type and every type nested in it, anonymous and local
 *       classes included (lambdas are compiled into the type that contains them);</li>
 *   <li>on a package (in its {@code package-info.java}): every type of that package, but not of its
 *       subpackages, which, as always in Java, are packages of their own and need their own
 *       {@code package-info.java};</li>
 *   <li>on an annotation type: every type annotated with that annotation, so a team can keep a marker of its
 *       own ({@code @Simulated @interface KvComponent {}}).</li>
 * </ul>
 *
 * <p>It is kept in the class files and at run time ({@link RetentionPolicy#RUNTIME}), so that tools reading
 * either can see it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface Simulated {}
