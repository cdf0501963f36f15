package io.moonpool.examples;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.function.Consumer;

/** Submits jobs at random intervals, then tells every worker to stop. */
final class Producer implements Workload {

    private final int jobs;
    private final int workers;
    private final Consumer<JobBoard> publish;
    // this iteration's board, published in setup for the other workloads
    private JobBoard board;

    Producer(int jobs, int workers, Consumer<JobBoard> publish) {
        this.jobs = jobs;
        this.workers = workers;
        this.publish = publish;
    }

    @Override
    public void setup(SimContext ctx) {
        board = new JobBoard();
        publish.accept(board);
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        for (int id = 0; id < jobs; id++) {
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 20)));
            board.pending.put(new JobBoard.Job(id, ctx.time().nanoTime(), 0));
            board.submitted++;
        }
        // a job being retried is still in flight: wait until everything submitted has completed once
        while (completedJobs(board) < jobs) {
            ctx.time().sleep(Duration.ofMillis(50));
        }
        for (int w = 0; w < workers; w++) {
            board.pending.put(JobBoard.STOP);
        }
    }

    private static int completedJobs(JobBoard board) {
        synchronized (board) {
            return board.completions.size();
        }
    }
}
