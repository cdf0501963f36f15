/**
 * The Moonpool simulator: the deterministic kernel and the runner; only the runner's package is exported.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.moonpool.sim {
    requires transitive io.moonpool.api;
    requires org.jctools.core;
    requires HdrHistogram;
    requires org.slf4j;

    exports io.moonpool.sim;
}
