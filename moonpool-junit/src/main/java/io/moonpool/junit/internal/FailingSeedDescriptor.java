package io.moonpool.junit.internal;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** A failing seed of a simulation test, registered while the method runs: one JUnit failure per seed. */
final class FailingSeedDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "seed";

    private final String legacyName;

    /**
     * A failing seed's test.
     *
     * @param occurrence 1 for the seed's first failing run in this method, 2 for a second (a seed given twice, or
     *                   both in the corpus and in the seeds): unique ids must differ
     */
    FailingSeedDescriptor(SimulationMethodDescriptor parent, long seed, boolean fromCorpus, int occurrence) {
        super(
                parent.getUniqueId().append(SEGMENT, seed + (occurrence > 1 ? "-" + occurrence : "")),
                "seed " + seed + (fromCorpus ? " (corpus)" : ""),
                MethodSource.from(parent.testClass(), parent.method()));
        this.legacyName = parent.method().getName() + "[seed " + seed + "]";
    }

    /** How reports that know no display names (Surefire's XML) name it: {@code method[seed N]}. */
    @Override
    public String getLegacyReportingName() {
        return legacyName;
    }

    @Override
    public Type getType() {
        return TestDescriptor.Type.TEST;
    }
}
