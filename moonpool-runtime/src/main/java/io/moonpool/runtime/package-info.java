/**
 * Runs simulated process classes for real: {@link io.moonpool.runtime.NodeRuntime} gives a node its
 * {@link io.moonpool.api.SimContext} on real providers, and {@link io.moonpool.runtime.RuntimeModule} binds them
 * for Guice.
 */
package io.moonpool.runtime;
