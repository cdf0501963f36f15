package io.moonpool.sim.internal.runner;

import io.moonpool.sim.TimelineEntry;
import java.util.List;

/** The part of a seed's timeline a report shows: the last entries up to the one that marks its failure. */
public final class TimelineExcerpt {

    private TimelineExcerpt() {}

    /**
     * The index just past the entry that marks the failure.
     *
     * @param entries a seed's entries
     * @return that index, or the size when no entry marks a failure
     */
    public static int failureEnd(List<TimelineEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).what().equals(TimelineEntry.SEED_FAILED)) {
                return i + 1;
            }
        }
        return entries.size();
    }

    /**
     * The last entries up to and including the failure's.
     *
     * @param entries a seed's entries
     * @param shown   how many at most
     * @return a view of {@code entries}
     */
    public static List<TimelineEntry> of(List<TimelineEntry> entries, int shown) {
        int end = failureEnd(entries);
        return entries.subList(Math.max(0, end - shown), end);
    }
}
