/**
 * Contracts anyone can run: abstract JUnit test classes that pin what the providers promise, simulated or real,
 * and what every resource plugin must keep.
 */
module io.moonpool.testkit {
    requires transitive io.moonpool.sim;
    requires transitive org.junit.jupiter.api;

    exports io.moonpool.testkit;

    // ResourcePluginContract.discovered: the plugin under test as the runner finds it
    uses io.moonpool.api.spi.ResourcePlugin;
}
