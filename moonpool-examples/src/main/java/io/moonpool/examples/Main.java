package io.moonpool.examples;

import io.moonpool.api.fault.Attrition;
import io.moonpool.examples.register.RegisterServer;
import io.moonpool.examples.register.RegisterWorkload;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The README's examples. First, a producer, a pool of flaky workers and an auditor share a job queue: each
 * seed explores another interleaving of submissions, service times, failures and retries, and the auditor
 * checks that every job completed exactly once and within a latency bound. Second, three replicas of a
 * register under attrition: a writer replicates to a majority, and every acknowledged write must survive
 * the reboots.
 */
public final class Main {

    private static final int JOBS = 40;
    private static final int WORKERS = 3;

    private Main() {}

    /**
     * The job queue simulation, without its seeds or iteration count.
     *
     * @return a builder with the producer, the flaky workers and the auditor
     */
    public static SimulationBuilder jobQueue() {
        // each iteration's Producer.setup publishes a fresh board here, for the workers and the auditor
        AtomicReference<JobBoard> board = new AtomicReference<>();
        return SimulationBuilder.create()
                .workload(new Producer(JOBS, WORKERS, board::set))
                .workload(new WorkerPool(WORKERS, 0.1, board::get))
                .workload(new Auditor(JOBS, Duration.ofSeconds(5), board::get));
    }

    /**
     * The replicated register simulation, without its seeds or iteration count.
     *
     * @return a builder with three register servers under attrition and the writing workload
     */
    public static SimulationBuilder replicatedRegister() {
        return SimulationBuilder.create()
                .processes(3, RegisterServer::new)
                .workload(new RegisterWorkload(60))
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(0.3)
                        .probCrash(0.5)
                        .probWipe(0.2)
                        .build())
                .chaosDuration(Duration.ofSeconds(30));
    }

    /**
     * Runs the simulation, prints its report, and exits non-zero if any seed failed.
     *
     * @param args optionally the number of iterations (default 200)
     */
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SimulationReport report = jobQueue().iterations(iterations).run();
        System.out.println("Job queue: a producer, flaky workers and an auditor");
        System.out.println(report);

        SimulationReport register =
                replicatedRegister().iterations(Math.max(1, iterations / 4)).run();
        System.out.println("Replicated register: 3 servers under attrition, majority writes, catch-up on boot");
        System.out.println(register);
        if (!report.passed() || !register.passed()) {
            System.exit(1);
        }
    }
}
