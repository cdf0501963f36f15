/**
 * Worker JVMs: a run with {@code parallelism(n)} forks n JVMs like the parent (its java, class path, module path
 * and flags), each rebuilding the simulation from the builder's {@code source(...)} recipe, and hands them seeds
 * one at a time over their standard input and output; the parent takes the results back in seed order.
 */
package io.moonpool.sim.internal.worker;
