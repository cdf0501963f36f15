package io.moonpool.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.moonpool.api.Assertions;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * The engine run by JUnit's own {@link EngineTestKit} on small fixed-seed simulations: the nested classes below
 * are its fixtures (Surefire does not select nested classes, so they run only here).
 */
class SimulationTestEngineTest {

    @TempDir
    Path corpusDir;

    /** A simulation that passes, in both accepted forms. */
    static class Passing {
        @SimulationTest(iterations = 3)
        SimulationBuilder returnsItsBuilder() {
            return SimulationBuilder.create()
                    .workload(ctx -> Assertions.sometimes(true, "the workload ran"))
                    .baseSeed(1);
        }

        @SimulationTest(seeds = {7, 8})
        void receivesABuilder(SimulationBuilder sim) {
            sim.workload(ctx -> Assertions.sometimes(true, "the workload ran"));
        }
    }

    /** Every seed fails. */
    static class Failing {
        @SimulationTest(seeds = {5, 6})
        SimulationBuilder neverHolds() {
            return SimulationBuilder.create().workload(ctx -> Assertions.always(false, "it never holds"));
        }
    }

    /** A sometimes-assertion never satisfied. */
    static class Uncovered {
        @SimulationTest(iterations = 2)
        SimulationBuilder neverSatisfied() {
            return SimulationBuilder.create()
                    .workload(ctx -> Assertions.sometimes(false, "the rare branch"))
                    .baseSeed(1);
        }
    }

    /** A method of neither accepted form. */
    static class WrongSignature {
        @SimulationTest
        String notABuilder() {
            return "no";
        }
    }

    @Test
    void aPassingSimulationIsOneSuccessfulTestAndItsReportIsPublished() {
        EngineExecutionResults results = run(selectClass(Passing.class));
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        List<String> reports = reports(results, "moonpool.report");
        assertEquals(2, reports.size());
        assertTrue(reports.getFirst().contains("iterations:  2 run"), reports.getFirst()); // seeds 7, 8 sort first
        assertTrue(reports.get(1).contains("iterations:  3 run"), reports.get(1));
        assertFalse(Files.exists(corpusDir.resolve(Passing.class.getName() + ".seeds")), "nothing failed");
    }

    @Test
    void eachFailingSeedIsAFailureOfItsOwnStartingWithTheReplayLineAndGoesIntoTheCorpus() throws IOException {
        EngineExecutionResults results = run(selectClass(Failing.class));
        List<String> seedFailures = failures(results, "seed ");
        assertEquals(2, seedFailures.size(), seedFailures.toString());
        assertTrue(seedFailures.get(0).startsWith("-Dmoonpool.seed=5 / .seeds(5L)\n"), seedFailures.get(0));
        assertTrue(seedFailures.get(1).startsWith("-Dmoonpool.seed=6 / .seeds(6L)\n"), seedFailures.get(1));
        assertTrue(seedFailures.get(0).contains("-Dtest=" + Failing.class.getName() + "#neverHolds"));
        List<String> method = failures(results, "neverHolds");
        assertEquals(1, method.size());
        assertTrue(method.getFirst().startsWith("-Dmoonpool.seed=5 / .seeds(5L)\n2 seed(s) failed"), method.getFirst());

        Path file = corpusDir.resolve(Failing.class.getName() + ".seeds");
        List<String> lines = entries(file);
        assertEquals(2, lines.size(), lines.toString());
        String[] first = lines.getFirst().split("\t");
        assertEquals("5", first[0]);
        assertEquals("neverHolds", first[1]);
        assertTrue(first[2].matches("\\d{4}-\\d{2}-\\d{2}"), first[2]);
        assertTrue(first[3].startsWith("ASSERTION in run"), first[3]);

        // run again: the corpus seeds run first, are told apart, and are not appended twice
        EngineExecutionResults again = run(selectClass(Failing.class));
        assertEquals(
                List.of("seed 5 (corpus)", "seed 6 (corpus)"),
                again.testEvents().failed().stream()
                        .map(e -> e.getTestDescriptor().getDisplayName())
                        .filter(n -> n.startsWith("seed"))
                        .toList());
        assertEquals(2, entries(file).size());
    }

    @Test
    void corpusSeedsRunFirstEveryTimeAndAPassingOneStays() throws IOException {
        Path file = corpusDir.resolve(Failing.class.getName() + ".seeds");
        Files.writeString(file, "# hand-written\n77\tneverHolds\t2026-01-01\tsomething once\n3\totherMethod\t-\t-\n");
        EngineExecutionResults results = run(selectClass(Failing.class));
        assertEquals(
                List.of("seed 77 (corpus)", "seed 5", "seed 6"),
                results.testEvents().failed().stream()
                        .map(e -> e.getTestDescriptor().getDisplayName())
                        .filter(n -> n.startsWith("seed"))
                        .toList());
        List<String> lines = entries(file);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.getFirst().startsWith("77\tneverHolds"), "the old lines stay, first");

        Files.writeString(
                corpusDir.resolve(Passing.class.getName() + ".seeds"), "12\treturnsItsBuilder\t2026-01-01\told\n");
        EngineExecutionResults passing = run(selectMethod(Passing.class, "returnsItsBuilder"));
        passing.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        String corpusReport = reports(passing, "moonpool.corpusReport").getFirst();
        assertTrue(corpusReport.contains("iterations:  1 run, 1 passed"), corpusReport);
        assertEquals(
                1,
                entries(corpusDir.resolve(Passing.class.getName() + ".seeds")).size(),
                "a pass stays");
    }

    @Test
    void writingTheCorpusCanBeTurnedOff() {
        EngineExecutionResults results = EngineTestKit.engine("moonpool")
                .selectors(selectClass(Failing.class))
                .configurationParameter("moonpool.corpus.dir", corpusDir.toString())
                .configurationParameter("moonpool.corpus", "false")
                .execute();
        assertEquals(2, failures(results, "seed ").size());
        assertFalse(Files.exists(corpusDir.resolve(Failing.class.getName() + ".seeds")));
    }

    @Test
    void systemPropertiesOverrideTheAnnotationAndTheCorpus() throws IOException {
        Files.writeString(
                corpusDir.resolve(Passing.class.getName() + ".seeds"), "12\treturnsItsBuilder\t2026-01-01\told\n");
        String one = withProperty("moonpool.seed", "42", () -> {
            EngineExecutionResults r = run(selectMethod(Passing.class, "returnsItsBuilder"));
            assertEquals(List.of(), reports(r, "moonpool.corpusReport"), "a replay runs the one seed alone");
            return reports(r, "moonpool.report").getFirst();
        });
        assertTrue(one.contains("iterations:  1 run"), one);
        assertTrue(one.contains("seeds:       given explicitly"), one);
        String wider = withProperty(
                "moonpool.iterations",
                "5",
                () -> reports(run(selectMethod(Passing.class, "returnsItsBuilder")), "moonpool.report")
                        .getFirst());
        assertTrue(wider.contains("iterations:  5 run"), wider);
        String bad = withProperty(
                "moonpool.iterations",
                "many",
                () -> failures(run(selectMethod(Passing.class, "returnsItsBuilder")), "returnsItsBuilder")
                        .getFirst());
        assertTrue(bad.contains("moonpool.iterations=many is not an iteration count"), bad);
    }

    @Test
    void aReplayOfACorpusSeedRunsItOnceAndDoesNotAppendItAgain() throws IOException {
        Path file = corpusDir.resolve(Failing.class.getName() + ".seeds");
        Files.writeString(file, "5\tneverHolds\t2026-01-01\tonce\n");
        List<String> names = withProperty(
                "moonpool.seed",
                "5",
                () -> run(selectClass(Failing.class)).testEvents().failed().stream()
                        .map(e -> e.getTestDescriptor().getDisplayName())
                        .toList());
        assertEquals(List.of("seed 5", "neverHolds"), names);
        assertEquals(1, entries(file).size());
    }

    @Test
    void aCoverageFailureFailsTheTest() {
        EngineExecutionResults results = run(selectClass(Uncovered.class));
        List<String> failures = failures(results, "neverSatisfied");
        assertEquals(1, failures.size());
        assertTrue(failures.getFirst().contains("never satisfied in any iteration"), failures.getFirst());
        assertTrue(failures.getFirst().contains("the rare branch"), failures.getFirst());
        assertEquals(List.of(), failures(results, "seed "), "no seed failed");
    }

    @Test
    void aMethodOfAnotherSignatureFailsNamingBothForms() {
        String failure =
                failures(run(selectClass(WrongSignature.class)), "notABuilder").getFirst();
        assertTrue(failure.contains("must either return a SimulationBuilder and take no parameter"), failure);
    }

    @Test
    void everyTestHasAMethodSourceForSurefiresFilter() {
        EngineExecutionResults results = run(selectClass(Failing.class));
        List<Event> started = results.testEvents().started().list();
        assertFalse(started.isEmpty(), "the method and its failing seeds are tests");
        for (Event e : started) {
            assertTrue(
                    e.getTestDescriptor().getSource().orElseThrow()
                                    instanceof org.junit.platform.engine.support.descriptor.MethodSource ms
                            && ms.getMethodName().equals("neverHolds")
                            && ms.getClassName().equals(Failing.class.getName()),
                    e.toString());
        }
    }

    private EngineExecutionResults run(DiscoverySelector selector) {
        return EngineTestKit.engine("moonpool")
                .selectors(selector)
                .configurationParameter("moonpool.corpus.dir", corpusDir.toString())
                .execute();
    }

    /** The failure messages of the tests whose display name starts with the prefix, in event order. */
    private static List<String> failures(EngineExecutionResults results, String prefix) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(prefix))
                .map(e -> e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .map(Throwable::getMessage)
                        .orElse(""))
                .toList();
    }

    /** The values of one report-entry key, in event order. */
    private static List<String> reports(EngineExecutionResults results, String key) {
        return results.allEvents().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(m -> m.containsKey(key))
                .map(m -> m.get(key))
                .toList();
    }

    private static List<String> entries(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList();
    }

    private static <T> T withProperty(String name, String value, Supplier<T> body) {
        String old = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }
}
