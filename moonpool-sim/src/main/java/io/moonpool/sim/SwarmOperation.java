package io.moonpool.sim;

/**
 * One operation switched by {@code Swarm.enabled(...)}, over all the iterations that used it.
 *
 * @param operation its name
 * @param seedsOn   the seeds in which it was on
 * @param seeds     the seeds in which it was decided (its code ran)
 */
public record SwarmOperation(String operation, long seedsOn, long seeds) {}
