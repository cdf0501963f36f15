package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimState;
import java.util.function.Consumer;

/**
 * An invariant registered on the simulation.
 *
 * @param name  its name, unique in the simulation
 * @param check the check: it throws (an {@code AssertionError}, an exception) when the invariant is violated
 */
public record Invariant(String name, Consumer<SimState> check) {}
