/**
 * Runnable example systems and their simulations.
 */
module io.moonpool.examples {
    requires io.moonpool.sim;
    requires io.moonpool.faults;
    requires io.moonpool.net;
    requires io.moonpool.storage;
    requires io.moonpool.runtime;
    requires org.slf4j;
}
