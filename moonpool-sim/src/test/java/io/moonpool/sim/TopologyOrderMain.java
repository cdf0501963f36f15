package io.moonpool.sim;

import java.util.ArrayList;
import java.util.List;

/** Prints the order in which a process sees its tags, for the fresh-JVM order test. */
public final class TopologyOrderMain {

    private TopologyOrderMain() {}

    /** The tag keys the test gives every process, in the order it adds them: not sorted on purpose. */
    static final List<String> KEYS = List.of("zone", "rack", "role", "disk", "az", "tier", "owner", "build", "mode");

    /**
     * Entry point: prints one line, the keys of {@code myTags()} in iteration order.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println(String.join(",", seenOrder()));
    }

    /** Runs one process with every key tagged and returns the keys as it iterates them. */
    static List<String> seenOrder() {
        List<String> seen = new ArrayList<>();
        SimulationBuilder builder = SimulationBuilder.create()
                .processes(1, () -> ctx -> seen.addAll(ctx.topology().myTags().keySet()))
                .workload(ctx -> ctx.time().sleep(java.time.Duration.ofMillis(1)))
                .seeds(1);
        for (String key : KEYS) {
            builder.tags(key, "v-" + key);
        }
        builder.run().assertPassed();
        return seen;
    }
}
