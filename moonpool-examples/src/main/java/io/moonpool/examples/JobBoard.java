package io.moonpool.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The state the example's workloads share: a queue of pending jobs and what happened to each. A new board
 * is made in {@link Producer#setup}, so that iterations do not see each other's jobs.
 */
final class JobBoard {

    /** A unit of work; {@code attempt} counts retries. */
    record Job(int id, long submittedAtNanos, int attempt) {}

    /** The end of the work: {@code -1} as an id tells a worker to stop. */
    static final Job STOP = new Job(-1, 0, 0);

    final BlockingQueue<Job> pending = new LinkedBlockingQueue<>();
    final Map<Integer, Integer> completions = new HashMap<>();
    final Map<Integer, Long> latencyNanos = new HashMap<>();
    int submitted;
    int retries;

    synchronized void completed(Job job, long nowNanos) {
        completions.merge(job.id(), 1, Integer::sum);
        latencyNanos.put(job.id(), nowNanos - job.submittedAtNanos());
    }
}
