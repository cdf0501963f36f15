package io.moonpool.sim;

import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;

/**
 * A fault injector written inline in a test: a name and a script. Shared with other modules' tests through
 * moonpool-sim's test jar.
 *
 * @param name   the injector's name in reports
 * @param script what it does during the chaos phase
 */
public record ScriptedInjector(String name, Script script) implements FaultInjector {

    /** The body of a scripted injector. */
    @FunctionalInterface
    public interface Script {
        /**
         * Injects faults.
         *
         * @param ctx the fault context
         * @throws Exception fails the seed
         */
        void run(FaultContext ctx) throws Exception;
    }

    @Override
    public void inject(FaultContext ctx) throws Exception {
        script.run(ctx);
    }
}
