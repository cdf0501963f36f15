/**
 * Built-in fault injectors, registered as {@code FaultInjector} services and enabled by name.
 */
module io.moonpool.faults {
    requires transitive io.moonpool.api;
    // @Inject on AttritionInjector's constructor: needed by whoever builds it (Guice), optional otherwise
    requires static transitive jakarta.inject;

    // exported so that Guice can call the public constructors, and users can add instances directly
    exports io.moonpool.faults;

    // the runner reads each class's @InjectorName through ServiceLoader.Provider.type() and builds it through
    // Guice; javac still wants a public no-argument constructor (or a provider() method) on each
    provides io.moonpool.api.fault.FaultInjector with
            io.moonpool.faults.AttritionInjector,
            io.moonpool.faults.RollingRestart,
            io.moonpool.faults.PartitionRandom,
            io.moonpool.faults.PartitionIsolateSingle,
            io.moonpool.faults.PartitionSplit,
            io.moonpool.faults.PartitionRandomOneWay,
            io.moonpool.faults.PartitionIsolateSingleOneWay,
            io.moonpool.faults.PartitionSplitOneWay,
            io.moonpool.faults.PartitionZone,
            io.moonpool.faults.PartitionDatacenter,
            io.moonpool.faults.Swizzle;
}
