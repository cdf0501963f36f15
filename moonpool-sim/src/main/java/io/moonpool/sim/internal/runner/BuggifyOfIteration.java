package io.moonpool.sim.internal.runner;

import io.moonpool.api.Buggify;
import io.moonpool.api.spi.BuggifySink;
import io.moonpool.sim.internal.kernel.Seeds;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The {@link BuggifySink} of one iteration: each site's activation is drawn once, at its first use, and its
 * firings from a stream of its own, both salted by the site's name (String.hashCode is fixed by the JLS), so
 * that sites are independent of one another and of every other decision of the simulation.
 */
final class BuggifyOfIteration implements BuggifySink {

    /** One site in this iteration: whether it is active, and its stream. */
    private record Active(BuggifyTable.Site site, boolean active, RandomGenerator random) {}

    private final BuggifyTable table;
    private final long seed;
    private final boolean enabled;
    private final io.moonpool.api.spi.TimelineSink timeline;
    private final Map<String, Active> sites = new HashMap<>();
    private final Map<String, Boolean> operations = new HashMap<>();
    private boolean anyOperationOn;

    BuggifyOfIteration(BuggifyTable table, long seed, boolean enabled, io.moonpool.api.spi.TimelineSink timeline) {
        this.timeline = timeline;
        this.table = table;
        this.seed = seed;
        this.enabled = enabled;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean fire(String site, double probability) {
        if (!enabled) {
            return false;
        }
        Active a = sites.get(site);
        if (a == null) {
            RandomGenerator random = Seeds.stream(seed ^ Seeds.splitMix(site.hashCode()), Seeds.BUGGIFY_STREAM);
            a = new Active(table.site(site), random.nextDouble() < Buggify.ACTIVATION, random);
            sites.put(site, a);
            if (a.active()) {
                a.site().seedsActive.add(seed);
                a.site().iterationsActive.add(table.current());
            }
        }
        a.site().calls++;
        if (!a.active() || probability == 0 || a.random().nextDouble() >= probability) {
            return false;
        }
        a.site().fired++;
        timeline.record("buggify fired", site, 0);
        return true;
    }

    @Override
    public boolean operationEnabled(String operation) {
        Boolean on = operations.get(operation);
        if (on == null) {
            RandomGenerator random =
                    Seeds.stream(seed ^ Seeds.splitMix(operation.hashCode() * 31L + 7), Seeds.BUGGIFY_STREAM);
            on = random.nextBoolean() || !anyOperationOn;
            anyOperationOn |= on;
            operations.put(operation, on);
            BuggifyTable.Operation counts = table.operation(operation);
            counts.seeds++;
            if (on) {
                counts.seedsOn++;
            }
        }
        return on;
    }
}
