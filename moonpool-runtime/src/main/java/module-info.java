/**
 * The production providers behind {@link io.moonpool.api.SimContext}: a {@link io.moonpool.runtime.NodeRuntime}
 * runs the same process classes as the simulator, on the system clock, virtual threads, real TCP and a real
 * directory.
 */
// Guice is an automatic module with a stable Automatic-Module-Name (com.google.guice)
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.moonpool.runtime {
    requires transitive io.moonpool.api;
    // static: only RuntimeModule uses Guice, and a user who wires by hand needs none; transitive: RuntimeModule
    // is a Guice Module
    requires static transitive com.google.guice;

    exports io.moonpool.runtime;
}
