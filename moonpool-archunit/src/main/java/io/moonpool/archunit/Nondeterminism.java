package io.moonpool.archunit;

/**
 * The families of calls that no seed controls, one rule each, with the provider simulated code uses instead.
 */
enum Nondeterminism {
    WALL_CLOCK("read the wall clock", "ctx.time()"),
    RANDOMNESS("draw unseeded randomness", "ctx.random()"),
    THREADS("start threads or use thread pools", "ctx.tasks()"),
    SLEEP("sleep or wait in real time", "ctx.time().sleep(...)"),
    REAL_IO("open real sockets or files", "ctx.network() and ctx.storage()");

    /** What the rule forbids, as the end of "no classes ... should". */
    final String forbidden;

    /** The provider of {@code SimContext} to use instead, as user code spells it. */
    final String provider;

    Nondeterminism(String forbidden, String provider) {
        this.forbidden = forbidden;
        this.provider = provider;
    }
}
