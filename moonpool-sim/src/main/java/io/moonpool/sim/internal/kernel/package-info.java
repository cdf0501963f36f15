/**
 * The deterministic kernel: one event queue, a seeded scheduler of virtual-thread tasks, simulated time,
 * the random streams and the trace hash. Not exported.
 */
package io.moonpool.sim.internal.kernel;
