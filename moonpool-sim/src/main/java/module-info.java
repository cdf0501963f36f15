/**
 * The Moonpool simulator: the deterministic kernel and the runner; only the runner's package is exported.
 */
// Guice is an automatic module, but with a stable Automatic-Module-Name (com.google.guice), not a file name
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.moonpool.sim {
    requires transitive io.moonpool.api;
    // transitive only because SimulationBuilder.module(com.google.inject.Module) is public: a user module that
    // calls it must read Guice; no other exported signature names a Guice type (see that method's Javadoc)
    requires transitive com.google.guice;
    requires org.jctools.core;
    requires tools.jackson.core;
    // HdrHistogram's jar names no module: its automatic module's name comes from the file name
    requires HdrHistogram;
    requires org.slf4j;
    requires java.logging;
    requires java.management;
    requires jdk.management;

    exports io.moonpool.sim;

    uses io.moonpool.api.fault.FaultInjector;
    uses io.moonpool.api.spi.ResourcePlugin;
}
