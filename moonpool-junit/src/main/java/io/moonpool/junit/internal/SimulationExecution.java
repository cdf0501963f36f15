package io.moonpool.junit.internal;

import io.moonpool.junit.SimulationTest;
import io.moonpool.sim.Reproduction;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Runs the discovered simulation tests, one method after another on the calling thread, and tells the platform
 * what happened: the method's verdict, a dynamic test per failing seed, the report as a report entry.
 *
 * <p>Everything here runs outside the simulated world, before or after {@code run()}: reading the corpus file,
 * appending to it and dating its lines use the real file system and the real date on purpose.
 */
final class SimulationExecution {

    /** The configuration parameter (or system property) that turns corpus writing off when {@code false}. */
    static final String CORPUS_PARAMETER = "moonpool.corpus";

    /** The configuration parameter (or system property) that moves the corpus directory. */
    static final String CORPUS_DIR_PARAMETER = "moonpool.corpus.dir";

    /** The configuration parameter (or system property) that sets the seconds between progress lines. */
    static final String PROGRESS_PARAMETER = "moonpool.progress.seconds";

    private final EngineExecutionListener listener;
    private final ConfigurationParameters parameters;

    SimulationExecution(EngineExecutionListener listener, ConfigurationParameters parameters) {
        this.listener = listener;
        this.parameters = parameters;
    }

    void executeEngine(TestDescriptor engine) {
        listener.executionStarted(engine);
        for (TestDescriptor child : List.copyOf(engine.getChildren())) {
            if (child instanceof SimulationClassDescriptor c) {
                executeClass(c);
            }
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private void executeClass(SimulationClassDescriptor c) {
        listener.executionStarted(c);
        for (TestDescriptor child : List.copyOf(c.getChildren())) {
            if (child instanceof SimulationMethodDescriptor m) {
                executeMethod(m);
            }
        }
        listener.executionFinished(c, TestExecutionResult.successful());
    }

    private void executeMethod(SimulationMethodDescriptor m) {
        listener.executionStarted(m);
        TestExecutionResult result;
        try {
            result = runMethod(m);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            result = TestExecutionResult.failed(e);
        }
        listener.executionFinished(m, result);
    }

    private TestExecutionResult runMethod(SimulationMethodDescriptor m) {
        SimulationTest annotation = AnnotationSupport.findAnnotation(m.method(), SimulationTest.class)
                .orElseThrow();
        String method = m.method().getName();
        SeedCorpus corpus = SeedCorpus.of(corpusDirectory(), m.testClass());
        boolean replaying = seedPropertySet();
        // the corpus seeds first, on a builder of their own: explicit seeds win over whatever it configures
        List<Long> known = corpus.seeds(method);
        List<Long> corpusSeeds = replaying ? List.of() : known;
        List<Failed> failed = new ArrayList<>();
        if (!corpusSeeds.isEmpty()) {
            SimulationReport corpusReport = SimulationSource.builder(m.testClass(), m.method())
                    .seeds(corpusSeeds.stream().mapToLong(Long::longValue).toArray())
                    .run();
            publish(m, "moonpool.corpusReport", corpusReport.toString());
            failed.addAll(collect(corpusReport, true));
        }
        SimulationBuilder builder = SimulationSource.builder(m.testClass(), m.method());
        apply(annotation, builder);
        builder.progress(new ProgressLine(
                m.testClass().getSimpleName() + "." + method, progressInterval(), System.err::println));
        SimulationReport report = builder.run();
        publish(m, "moonpool.report", report.toString());
        // a corpus seed that the main run gives again was reported already, from the corpus run
        failed.addAll(collect(report, false).stream()
                .filter(f -> !corpusSeeds.contains(f.run().seed()))
                .toList());
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        List<SeedCorpus.Entry> newSeeds = new ArrayList<>();
        java.util.Map<Long, Integer> occurrences = new java.util.TreeMap<>();
        for (Failed f : failed) {
            int occurrence = occurrences.merge(f.run().seed(), 1, Integer::sum);
            FailingSeedDescriptor seed = new FailingSeedDescriptor(m, f.run().seed(), f.fromCorpus(), occurrence);
            m.addChild(seed);
            listener.dynamicTestRegistered(seed);
            listener.executionStarted(seed);
            listener.executionFinished(seed, TestExecutionResult.failed(seedError(m, f)));
            if (!f.fromCorpus() && !known.contains(f.run().seed())) {
                newSeeds.add(new SeedCorpus.Entry(f.run().seed(), method, date, firstLine(f.run())));
            }
        }
        if (!newSeeds.isEmpty() && corpusWriting()) {
            corpus.append(newSeeds);
        }
        if (!failed.isEmpty()) {
            Failed first = failed.getFirst();
            return TestExecutionResult.failed(new AssertionError(SimulationReport.replayLine(
                            first.run().seed())
                    + System.lineSeparator()
                    + failed.size()
                    + " seed(s) failed, each reported as a test of its own ("
                    + String.join(
                            ", ",
                            failed.stream().map(f -> "seed " + f.run().seed()).toList())
                    + ")"
                    + (first.fromCorpus() ? "; the first is a corpus seed, from " + corpus.file() : "")
                    + System.lineSeparator()
                    + report));
        }
        if (!report.passed()) {
            try {
                report.assertPassed();
            } catch (AssertionError coverage) {
                return TestExecutionResult.failed(
                        new AssertionError(coverage.getMessage() + System.lineSeparator() + report));
            }
        }
        return TestExecutionResult.successful();
    }

    /** The annotation's attributes, each only when set. */
    static void apply(SimulationTest annotation, SimulationBuilder builder) {
        if (annotation.iterations() != 0) {
            builder.iterations(annotation.iterations());
        }
        if (annotation.untilCoverage() != 0) {
            builder.untilCoverage(annotation.untilCoverage());
        }
        if (!annotation.timeLimit().isBlank()) {
            builder.timeLimit(DurationText.parse(annotation.timeLimit(), "@SimulationTest(timeLimit)"));
        }
        if (annotation.seeds().length > 0) {
            builder.seeds(annotation.seeds());
        }
    }

    private static List<Failed> collect(SimulationReport report, boolean fromCorpus) {
        List<Failed> failed = new ArrayList<>();
        for (RunResult r : report.runs()) {
            if (!r.passed()) {
                failed.add(new Failed(r, report.reproduction(r.seed()).orElse(null), fromCorpus));
            }
        }
        return failed;
    }

    private static AssertionError seedError(SimulationMethodDescriptor m, Failed f) {
        long seed = f.run().seed();
        RunFailure failure = f.run().failure().orElseThrow();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(SimulationReport.replayLine(seed))
                .append(nl)
                .append("seed ")
                .append(seed)
                .append(f.fromCorpus() ? " (a corpus seed)" : "")
                .append(" failed at simulated ")
                .append(failure.simTime())
                .append(": ")
                .append(failure.summary())
                .append(nl)
                .append("this test alone: -Dtest=")
                .append(m.testClass().getName())
                .append('#')
                .append(m.method().getName())
                .append(" -D")
                .append(SimulationBuilder.SEED_PROPERTY)
                .append('=')
                .append(seed);
        if (f.reproduction() != null) {
            sb.append(nl)
                    .append(
                            f.reproduction().status() == Reproduction.Status.REPRODUCED
                                    ? "REPRODUCED by a re-run in this JVM"
                                    : "NOT REPRODUCIBLE: " + f.reproduction().divergence());
        }
        if (!failure.stackTrace().isEmpty()) {
            sb.append(nl).append(failure.stackTrace());
        }
        AssertionError error = new AssertionError(sb.toString());
        failure.exception().ifPresent(error::initCause);
        return error;
    }

    /** The failure's first line, for the corpus: tabs and line breaks cannot appear in it. */
    private static String firstLine(RunResult r) {
        return r.failure().map(RunFailure::summary).orElse("").replace('\t', ' ');
    }

    private void publish(TestDescriptor d, String key, String value) {
        listener.reportingEntryPublished(d, ReportEntry.from(key, value));
    }

    private java.nio.file.Path corpusDirectory() {
        return parameters
                .get(CORPUS_DIR_PARAMETER)
                .filter(s -> !s.isBlank())
                .map(java.nio.file.Path::of)
                .orElseGet(() -> projectDirectory().resolve("src/test/resources/moonpool"));
    }

    /** Surefire's {@code basedir} (the module's directory), else the working directory. */
    private static java.nio.file.Path projectDirectory() {
        String basedir = System.getProperty("basedir");
        return java.nio.file.Path.of(basedir != null && !basedir.isBlank() ? basedir : System.getProperty("user.dir"));
    }

    private boolean corpusWriting() {
        return parameters
                .get(CORPUS_PARAMETER)
                .map(v -> !v.trim().equalsIgnoreCase("false"))
                .orElse(true);
    }

    private Duration progressInterval() {
        String text = parameters.get(PROGRESS_PARAMETER).orElse("5");
        try {
            return Duration.ofSeconds(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new io.moonpool.api.ConfigurationException(List.of(PROGRESS_PARAMETER + "=" + text
                    + " is not a number of seconds: give a whole number, e.g. -D" + PROGRESS_PARAMETER + "=10"));
        }
    }

    private static boolean seedPropertySet() {
        String value = System.getProperty(SimulationBuilder.SEED_PROPERTY);
        return value != null && !value.isBlank();
    }

    /** A failing seed, from the corpus run or the main one. */
    private record Failed(RunResult run, Reproduction reproduction, boolean fromCorpus) {}
}
