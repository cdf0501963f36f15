/**
 * Built-in fault injectors, registered as {@code FaultInjector} services and enabled by name.
 */
module io.moonpool.faults {
    requires transitive io.moonpool.api;
    // @Inject on public constructors: needed by whoever builds the injectors (Guice), optional otherwise
    requires static transitive jakarta.inject;

    // exported so that Guice can call the public @Inject constructors, and users can add instances directly
    exports io.moonpool.faults;

    provides io.moonpool.api.fault.FaultInjector with
            io.moonpool.faults.AttritionInjector,
            io.moonpool.faults.RollingRestart,
            io.moonpool.faults.PartitionRandom,
            io.moonpool.faults.PartitionIsolateSingle,
            io.moonpool.faults.PartitionSplit,
            io.moonpool.faults.Swizzle;
}
