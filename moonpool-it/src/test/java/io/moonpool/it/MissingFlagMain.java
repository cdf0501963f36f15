package io.moonpool.it;

import io.moonpool.api.ConfigurationException;
import io.moonpool.sim.SimulationBuilder;
import java.time.Duration;

/**
 * Prints the problems {@code run()} reports in a JVM started without the flag the kernel needs: run by
 * {@link MissingFlagIT} with the simulator on the class path, then on the module path.
 */
public final class MissingFlagMain {

    private MissingFlagMain() {}

    /**
     * Entry point.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try {
            SimulationBuilder.create()
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                    .seeds(1)
                    .run();
            System.out.println("no problem reported");
        } catch (ConfigurationException e) {
            e.problems().forEach(System.out::println);
        }
    }
}
