package io.moonpool.examples.kv;

import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.net.NetworkConfig;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.time.Duration;

/**
 * The store's simulation: three {@link KvServer}s and the {@link KvWorkload}, under attrition (graceful
 * reboots, crashes and wipes, one replica down at a time), network chaos and storage chaos, each drawn per
 * seed.
 *
 * <p>Run it with {@code java ... io.moonpool.examples.kv.KvSimulation [iterations]}, and with
 * {@code -Dkv.bug=ack-before-force} or {@code -Dkv.bug=stale-read} to watch it catch a bug.
 */
public final class KvSimulation {

    /** How long the workload writes and reads, and faults are injected, per iteration (simulated). */
    public static final Duration CHAOS = Duration.ofSeconds(20);

    private KvSimulation() {}

    /**
     * The simulation with the bug that {@code -Dkv.bug} selects, read once, here.
     *
     * @return a builder with the cluster, the workload and the faults, without seeds or iteration count
     * @throws IllegalArgumentException if {@code -Dkv.bug} names no bug
     */
    public static SimulationBuilder simulation() {
        return simulation(KvBug.fromSystemProperty());
    }

    /**
     * The simulation of the store with {@code bug} re-introduced ({@link KvBug#NONE} for the correct store).
     *
     * @param bug the bug
     * @return a builder with the cluster, the workload and the faults, without seeds or iteration count
     */
    public static SimulationBuilder simulation(KvBug bug) {
        return SimulationBuilder.create()
                .processes(3, () -> new KvServer(bug, KvServer.DEFAULT_PORT))
                .workload(new KvWorkload(bug, CHAOS, KvServer.DEFAULT_PORT))
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(0.3)
                        .probCrash(0.4)
                        .probWipe(0.3)
                        .recoveryDelay(Duration.ofSeconds(1), Duration.ofSeconds(4))
                        .gracePeriod(Duration.ZERO, Duration.ofSeconds(1))
                        .build())
                .configure(NetworkConfig.builder().chaos(ChaosMode.RANDOM).build())
                .configure(io.moonpool.storage.StorageConfig.builder()
                        .chaos(ChaosMode.RANDOM)
                        .build())
                .chaosDuration(CHAOS);
    }

    /**
     * Runs the simulation (with the bug {@code -Dkv.bug} selects), prints its report, and exits non-zero if a
     * seed failed.
     *
     * @param args optionally the number of iterations (default 100: with {@code -Dkv.bug=stale-read} about one
     *     seed in twenty fails)
     */
    public static void main(String[] args) {
        KvBug bug = KvBug.fromSystemProperty();
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        SimulationReport report = simulation(bug).iterations(iterations).run();
        System.out.println("Replicated key-value store: 3 replicas, quorum writes and reads, catch-up after a wipe"
                + (bug == KvBug.NONE ? "" : ", with the bug " + bug.switchValue()));
        System.out.println(report);
        if (!report.passed()) {
            System.exit(1);
        }
    }
}
