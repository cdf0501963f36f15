package io.moonpool.it;

import io.moonpool.api.ConfigurationException;
import io.moonpool.sim.SimulationBuilder;
import java.time.Duration;

/**
 * Prints the problems {@code run()} reports for an unknown injector name, which list every injector
 * discovered: run by {@link ModulePathDiscoveryIT} with the simulator and moonpool-faults on the module path.
 */
public final class ModulePathDiscoveryMain {

    private ModulePathDiscoveryMain() {}

    /**
     * Entry point.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try {
            SimulationBuilder.create()
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                    .faults("chaos_monkey")
                    .chaosDuration(Duration.ofSeconds(1))
                    .seeds(1)
                    .run();
            System.out.println("no problem reported");
        } catch (ConfigurationException e) {
            e.problems().forEach(System.out::println);
        }
        System.out.println("faults module: "
                + SimulationBuilder.class
                        .getModule()
                        .getLayer()
                        .findModule("io.moonpool.faults")
                        .map(m -> "named")
                        .orElse("absent"));
    }
}
