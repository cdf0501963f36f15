package io.moonpool.examples;

import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Workers that take jobs from the board, spend a random service time on each, and sometimes fail one, which
 * goes back on the queue to be retried.
 */
final class WorkerPool implements Workload {

    private final int workers;
    private final double failureRate;
    // the board the Producer published in this iteration's setup
    private final Supplier<JobBoard> board;

    WorkerPool(int workers, double failureRate, Supplier<JobBoard> board) {
        this.workers = workers;
        this.failureRate = failureRate;
        this.board = board;
    }

    @Override
    public void run(SimContext ctx) throws Exception {
        JobBoard board = this.board.get();
        List<TaskHandle<Integer>> handles = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            handles.add(ctx.tasks().spawn("worker-" + w, () -> work(ctx, board)));
        }
        for (TaskHandle<Integer> h : handles) {
            h.join();
        }
    }

    private int work(SimContext ctx, JobBoard board) throws InterruptedException {
        int done = 0;
        while (true) {
            JobBoard.Job job = board.pending.take();
            if (job == JobBoard.STOP) {
                return done;
            }
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(5, 40)));
            if (ctx.random().nextDouble() < failureRate) {
                synchronized (board) {
                    board.retries++;
                }
                board.pending.put(new JobBoard.Job(job.id(), job.submittedAtNanos(), job.attempt() + 1));
                continue;
            }
            board.completed(job, ctx.time().nanoTime());
            done++;
        }
    }

    @Override
    public String name() {
        return "WorkerPool";
    }
}
