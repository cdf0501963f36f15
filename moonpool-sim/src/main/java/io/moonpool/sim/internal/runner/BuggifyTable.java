package io.moonpool.sim.internal.runner;

import io.moonpool.sim.BuggifySite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The buggify sites of one simulation across its iterations, in the order first seen. */
public final class BuggifyTable {

    /** The counts of one site. */
    static final class Site {
        final String name;
        final List<Long> seedsActive = new ArrayList<>();
        long calls;
        long fired;

        Site(String name) {
            this.name = name;
        }
    }

    private final Map<String, Site> sites = new LinkedHashMap<>();

    Site site(String name) {
        return sites.computeIfAbsent(name, Site::new);
    }

    /**
     * Every site seen.
     *
     * @return the sites, in the order first seen
     */
    public List<BuggifySite> results() {
        List<BuggifySite> all = new ArrayList<>();
        for (Site s : sites.values()) {
            all.add(new BuggifySite(s.name, s.seedsActive, s.calls, s.fired));
        }
        return all;
    }
}
