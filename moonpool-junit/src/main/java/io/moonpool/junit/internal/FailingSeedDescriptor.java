package io.moonpool.junit.internal;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** A failing seed of a simulation test, registered while the method runs: one JUnit failure per seed. */
final class FailingSeedDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "seed";

    private final String legacyName;

    FailingSeedDescriptor(SimulationMethodDescriptor parent, long seed, boolean fromCorpus) {
        super(
                parent.getUniqueId().append(SEGMENT, Long.toString(seed)),
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
