package io.moonpool.sim.internal.runner;

import io.moonpool.sim.Phase;
import java.util.Arrays;
import java.util.List;

/**
 * What one run of a seed gives the determinism check: a plain value, so that it could as well come from a run
 * in another JVM.
 *
 * @param seed         the seed
 * @param fingerprints the running fingerprint after each step and event, in order (not copied: the record owns it)
 * @param departure    the first index where this run differed from the run it was compared with, or -1 (also when
 *                     it was compared with none)
 * @param capture      what the run did at its departure, or at the index it was asked to stop at; null when neither
 *                     came
 */
public record DeterminismRecord(long seed, long[] fingerprints, long departure, Capture capture) {

    /**
     * What a run did at one step or event.
     *
     * @param index   the step or event, counted together from 0
     * @param what    the step or event, described
     * @param simNanos the simulated time then
     * @param task    the task's name, or {@code "kernel"}
     * @param node    the task's node, or empty
     * @param phase   the iteration's phase then
     * @param stack   the task's user and API frames, innermost first
     */
    public record Capture(
            long index, String what, long simNanos, String task, String node, Phase phase, List<String> stack) {

        /** Copies the stack. */
        public Capture {
            stack = List.copyOf(stack);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeterminismRecord r
                && r.seed == seed
                && r.departure == departure
                && Arrays.equals(r.fingerprints, fingerprints)
                && java.util.Objects.equals(r.capture, capture);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(fingerprints);
    }

    @Override
    public String toString() {
        return "DeterminismRecord[seed=" + seed + ", " + fingerprints.length + " fingerprints, departure=" + departure
                + ", capture=" + capture + "]";
    }
}
