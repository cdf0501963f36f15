package io.moonpool.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a simulation test, run by Moonpool's own JUnit Platform engine (id {@code moonpool}), beside
 * Jupiter, in Surefire, Gradle and IDEs alike. The method either returns the configured builder and takes no
 * parameter, or receives a fresh builder and returns nothing:
 *
 * <pre>{@code
 * class KvStoreSimulationTest {
 *     @SimulationTest(iterations = 500)
 *     SimulationBuilder survivesReboots() {
 *         return SimulationBuilder.create().processes(3, KvServer::new).workload(new KvWorkload())
 *             .chaosDuration(Duration.ofSeconds(30)).attrition(Attrition.defaults());
 *     }
 *
 *     @SimulationTest(untilCoverage = 10_000)
 *     void coversEveryBranch(SimulationBuilder sim) {
 *         sim.workload(new KvWorkload());
 *     }
 * }
 * }</pre>
 *
 * <p><b>What runs.</b> A new instance of the class (it needs a no-argument constructor) per method; the method is
 * called, the attributes given here are applied to the builder (each one unset by default, leaving the builder's
 * own choice), and the simulation runs. The system properties of {@code SimulationBuilder} still win:
 * {@code -Dmoonpool.seed=N} replays exactly seed N, {@code -Dmoonpool.iterations=N} sets the count.
 *
 * <p><b>The method is a recipe.</b> It is the builder's {@code source}: a run of 20 iterations or more uses a worker
 * JVM per core by default ({@code SimulationBuilder.parallelism}), and each worker calls the method again to rebuild
 * the simulation; the corpus seeds run on a builder of their own, made by another call. So the method only
 * configures, with no side effect, and configures everything the iterations run. On the module path, open the
 * test package to {@code io.moonpool.sim} as well as to JUnit (an {@code open module} does both). The engine sets
 * the builder's {@code progress} listener for its progress lines, replacing one the method set.
 *
 * <p><b>Results.</b> Each failing seed is a test of its own under the method, named {@code seed N}, whose failure
 * message starts with the one line that replays it, {@code -Dmoonpool.seed=N / .seeds(NL)}. The method itself
 * fails when the report does not pass: a failing seed (its message then starts with the first one's replay line),
 * a coverage failure (a {@code sometimes}-like assertion never satisfied, an {@code expect}ed one never reached),
 * or a configuration error. The printed report is published as the method's report entry {@code moonpool.report}.
 *
 * <p><b>Seed corpus.</b> Every failing seed is appended to
 * {@code src/test/resources/moonpool/<fully qualified class name>.seeds} under the project directory (Surefire's
 * {@code basedir}, else the working directory), and the seeds listed there for a method run first, every time,
 * before the others; a corpus seed that passes stays in the file, as a regression test. Commit the file.
 * {@code -Dmoonpool.corpus=false} stops the writing (CI may keep it on and archive the file); the engine
 * configuration parameter {@code moonpool.corpus.dir} moves the directory. One line per seed, tab-separated:
 * {@code seed, method, ISO date, first line of the failure}; lines starting with {@code #} are comments.
 *
 * <p><b>Progress.</b> A run longer than five seconds prints a line to standard error every five seconds:
 * iterations done, failures so far, iterations per second, assertions seen and still unsatisfied
 * ({@code -Dmoonpool.progress.seconds=N} sets the interval, {@code 0} turns the lines off).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SimulationTest {

    /**
     * How many iterations to run, as {@code SimulationBuilder.iterations(n)}.
     *
     * @return the count; 0 (the default) leaves the builder's own
     */
    int iterations() default 0;

    /**
     * Exactly these seeds, as {@code SimulationBuilder.seeds(...)}; they win over every other choice of seeds.
     *
     * @return the seeds; empty (the default) leaves the builder's own
     */
    long[] seeds() default {};

    /**
     * The real-time budget, as {@code SimulationBuilder.timeLimit(d)}: an ISO-8601 duration such as
     * {@code "PT30S"}, or a number and a unit: {@code "30s"}, {@code "5m"}, {@code "1h"}, {@code "500ms"}.
     *
     * @return the budget; empty (the default) leaves the builder's own. Text that is neither fails the test,
     *         naming it
     */
    String timeLimit() default "";

    /**
     * A coverage-driven run with this cap, as {@code SimulationBuilder.untilCoverage(max)}.
     *
     * @return the cap; 0 (the default) leaves the builder's own
     */
    int untilCoverage() default 0;
}
