package io.moonpool.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one iteration.
 *
 * @param seed      the iteration seed; {@code SimulationBuilder.seeds(seed)} replays it
 * @param passed    whether every phase completed without failure
 * @param failure   why it failed, when it did
 * @param simTime   the simulated time the iteration took
 * @param events    the kernel events it processed: task steps plus fired timers and deliveries
 * @param traceHash a hash of every scheduling decision and event; the same seed always gives the same hash
 * @param wallTime  the real time it took (outside the simulated world; varies between runs)
 */
public record RunResult(long seed, boolean passed, Optional<RunFailure> failure, Duration simTime, long events,
                        long traceHash, Duration wallTime) {
}
