/**
 * The runner's internals: one iteration's phases, and the providers (time, tasks, topology) it hands to
 * workloads. Not exported.
 */
package io.moonpool.sim.internal.runner;
