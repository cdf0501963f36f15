package io.moonpool.sim.internal.runner;

import io.moonpool.sim.Reproduction;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.TimelineEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Compares a failing seed's first run with its re-run: the same failure on the same path, or where they part. */
final class FailureReplays {

    private FailureReplays() {}

    /**
     * The verdict on one re-run.
     *
     * @param first   the seed's result in the batch
     * @param again   its re-run, with its timeline kept whether it failed or not
     * @param trimmed whether the first run kept only its timeline's excerpt ({@code shown} entries)
     * @param shown   how many entries an excerpt has
     * @return REPRODUCED, or NOT_REPRODUCIBLE with the first divergence
     */
    static Reproduction compare(RunResult first, RunResult again, boolean trimmed, int shown) {
        RunFailure f = first.failure().orElseThrow();
        Optional<RunFailure> g = again.failure();
        boolean sameFailure = g.isPresent() && sameFailure(f, g.get());
        if (sameFailure && first.traceHash() == again.traceHash()) {
            return new Reproduction(first.seed(), Reproduction.Status.REPRODUCED, "");
        }
        List<TimelineEntry> a = first.timeline();
        List<TimelineEntry> b = trimmed ? TimelineExcerpt.of(again.timeline(), shown) : again.timeline();
        String where = firstDifference(a, b);
        String outcome = g.isEmpty()
                ? "the re-run passed"
                : sameFailure
                        ? "the re-run failed the same way but on another path"
                        : "the re-run failed otherwise: " + g.get().summary();
        return new Reproduction(
                first.seed(),
                Reproduction.Status.NOT_REPRODUCIBLE,
                outcome + "; trace hash " + first.traceHash() + " then " + again.traceHash()
                        + (where.isEmpty() ? "" : "; " + where));
    }

    static boolean sameFailure(RunFailure f, RunFailure g) {
        // not the message: it may print an identity hash code even when the run is the same
        return f.kind() == g.kind()
                && f.phase() == g.phase()
                && Objects.equals(f.source(), g.source())
                && f.simTime().equals(g.simTime());
    }

    /** The first entry where two timelines part, both sides printed; empty when one is a prefix of the other. */
    static String firstDifference(List<TimelineEntry> a, List<TimelineEntry> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "the timelines first differ at entry " + i + ": first run "
                        + a.get(i).toString().strip() + " | re-run "
                        + b.get(i).toString().strip();
            }
        }
        if (a.size() != b.size()) {
            return "the timelines agree for " + n + " entries, then one has " + (a.size() > b.size() ? "more" : "fewer")
                    + " (" + a.size() + " then " + b.size() + ")";
        }
        return "";
    }
}
