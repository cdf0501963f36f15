/**
 * ArchUnit rules that keep nondeterminism out of the classes a user simulates: no wall-clock reads, no unseeded
 * randomness, no threads or pools of their own, no real-time sleeps, no real sockets or files, each violation
 * naming the {@code SimContext} provider to use instead ({@code ctx.time()}, {@code ctx.random()},
 * {@code ctx.tasks()}, {@code ctx.time().sleep(...)}, {@code ctx.network()}, {@code ctx.storage()}).
 *
 * <p>The simulator finds some of these at run time (a real-time sleep, a platform thread, real blocking I/O
 * fail the seed), and its determinism check finds others by running a seed twice; a wall-clock read or an
 * unseeded random draw that changes nothing visible is found by neither. These rules find every such call
 * before anything runs, in an ordinary unit test, with any test engine:
 *
 * <pre>{@code
 * class DeterminismRulesTest {
 *     @Test
 *     void simulatedCodeMakesNoCallThatNoSeedControls() {
 *         JavaClasses classes = new ClassFileImporter()
 *                 .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 *                 .importPackages("com.acme.kv");
 *         SimulatedCodeRules.forPackages("com.acme.kv..").all().check(classes);
 *     }
 * }
 * }</pre>
 *
 * <p>or, with ArchUnit's JUnit support, as fields:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme.kv")
 * class DeterminismRulesTest {
 *     @ArchTest
 *     static final ArchRule simulatedCode = SimulatedCodeRules.forAnnotated().all();
 * }
 * }</pre>
 *
 * <p>The scope is chosen by package, by the {@link io.moonpool.api.Simulated @Simulated} annotation (on classes
 * or in a {@code package-info.java}), by an annotation of the user's own, or by any ArchUnit predicate; a scope
 * that matches no imported class fails rather than passing silently. See
 * {@link io.moonpool.archunit.SimulatedCodeRules} for the calls each rule bans.
 */
package io.moonpool.archunit;
