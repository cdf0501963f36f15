/**
 * The types a system under test and its test drivers are written against: {@link io.moonpool.api.SimProcess},
 * {@link io.moonpool.api.Workload}, the {@link io.moonpool.api.SimContext} they receive, and its providers
 * ({@link io.moonpool.api.Time}, {@link io.moonpool.api.Tasks}, {@link io.moonpool.api.Network},
 * {@link io.moonpool.api.Storage}).
 *
 * <p>Inside a simulation, every provider is simulated: time is virtual and jumps over idle gaps, tasks are
 * virtual threads scheduled one at a time by a seeded random choice, and all randomness comes from seeded
 * streams. Code that uses only these providers (and ordinary JDK data structures and locks) replays
 * bit for bit from a seed.
 */
package io.moonpool.api;
