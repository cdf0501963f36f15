/**
 * Helpers for authors of configurations (resource plugins, fault injectors): collected validation that
 * names every invalid field at once, and ranges of simulated durations.
 *
 * <p>User code meets these types only through the configuration builders that use them.
 */
package io.moonpool.api.config;
