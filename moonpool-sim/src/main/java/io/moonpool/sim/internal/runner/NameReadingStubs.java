package io.moonpool.sim.internal.runner;

import io.moonpool.api.Time;
import io.moonpool.api.Topology;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * What a fault injector's constructor receives when the runner builds it only to read its name, before any
 * iteration exists: the real topology, and time and randomness that refuse to be used.
 */
public final class NameReadingStubs {

    private static final String REFUSAL = "not available while the runner reads fault injector names:"
            + " a constructor may keep it, but use it (or FaultContext's) only in inject()";

    /** Time that refuses every call. */
    public static final Time TIME = new Time() {
        @Override
        public Instant now() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public long nanoTime() {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public void sleep(Duration duration) {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public <T> T timeout(Duration limit, Callable<T> body) {
            throw new IllegalStateException(REFUSAL);
        }

        @Override
        public Clock clock() {
            throw new IllegalStateException(REFUSAL);
        }
    };

    /** Randomness that refuses every draw. */
    public static final RandomGenerator RANDOM = () -> {
        throw new IllegalStateException(REFUSAL);
    };

    private NameReadingStubs() {
    }

    /**
     * The topology every iteration will have.
     *
     * @param processes the number of processes
     * @param workloads the number of workloads
     * @param tags      each process's tags
     * @return the topology, seen by no node in particular
     */
    public static Topology topology(int processes, int workloads, List<Map<String, String>> tags) {
        List<InetAddress> processIps = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            processIps.add(SimTopology.address(1, i + 1));
        }
        List<InetAddress> workloadIps = new ArrayList<>();
        for (int i = 0; i < workloads; i++) {
            workloadIps.add(SimTopology.address(0, i + 1));
        }
        return new SimTopology(processIps, workloadIps, tags, Map.of());
    }
}
