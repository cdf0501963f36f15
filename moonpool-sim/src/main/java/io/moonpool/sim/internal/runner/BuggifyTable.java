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

    /** The seeds of one swarm operation. */
    static final class Operation {
        long seeds;
        long seedsOn;
    }

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    Operation operation(String name) {
        return operations.computeIfAbsent(name, n -> new Operation());
    }

    /**
     * Every swarm operation used.
     *
     * @return the operations, in the order first seen
     */
    public List<io.moonpool.sim.SwarmOperation> operations() {
        List<io.moonpool.sim.SwarmOperation> all = new ArrayList<>();
        operations.forEach((name, o) -> all.add(new io.moonpool.sim.SwarmOperation(name, o.seedsOn, o.seeds)));
        return all;
    }

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
