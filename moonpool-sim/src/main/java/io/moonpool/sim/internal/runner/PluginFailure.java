package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;

/**
 * Code outside the framework (a plugin, a workload's {@code name()}) failed, outside any task of its own:
 * carries who it was, so that the seed's failure names it rather than the caller.
 */
final class PluginFailure extends MoonpoolException {

    private static final long serialVersionUID = 1L;

    /** Who failed, as the report names it. */
    final String source;

    PluginFailure(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }
}
