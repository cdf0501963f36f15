package io.moonpool.sim;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Prints the cluster shape each of a few seeds draws from a layout of ranges, for the fresh-JVM test. */
public final class LayoutShapeMain {

    private LayoutShapeMain() {}

    /** A layout of ranges in every dimension. */
    static final Layout RANGES = Layout.builder()
            .datacenters(1, 3)
            .zonesPerDatacenter(1, 3)
            .machinesPerZone(1, 4)
            .processesPerMachine(1, 3)
            .build();

    /**
     * Entry point: prints one line, the shapes of seeds 1 to 20.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println(String.join(";", shapes(20)));
    }

    /** The shape seeds 1 to {@code count} draw, as the workload sees it through its topology. */
    static List<String> shapes(int count) {
        List<String> shapes = new ArrayList<>();
        for (long seed = 1; seed <= count; seed++) {
            shapes.add(shape(seed));
        }
        return shapes;
    }

    /** One seed's shape: process, machine, zone and datacenter counts, and the last machine's id. */
    static String shape(long seed) {
        String[] seen = new String[1];
        SimulationBuilder.create()
                .processes(RANGES, () -> ctx -> ctx.time().sleep(Duration.ofMillis(1)))
                .workload(ctx -> {
                    Topology t = ctx.topology();
                    List<String> machines = t.domains(FailureDomain.MACHINE);
                    seen[0] = t.processIps().size() + "p/" + machines.size() + "m/"
                            + t.domains(FailureDomain.ZONE).size() + "z/"
                            + t.domains(FailureDomain.DATACENTER).size() + "d/" + machines.getLast();
                })
                .seeds(seed)
                .run()
                .assertPassed();
        return seen[0];
    }
}
