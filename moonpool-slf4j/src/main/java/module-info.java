/**
 * An SLF4J provider that writes log calls made inside a simulation into its timeline and delegates the rest.
 */
module io.moonpool.slf4j {
    requires io.moonpool.api;
    // TimelineServiceProvider's signature shows SLF4J's SPI types
    requires transitive org.slf4j;

    // exported so that SLF4J can build the provider named by -Dslf4j.provider
    exports io.moonpool.slf4j;

    // the delegate: another SLF4J provider, found the way SLF4J finds providers
    uses org.slf4j.spi.SLF4JServiceProvider;

    provides org.slf4j.spi.SLF4JServiceProvider with
            io.moonpool.slf4j.TimelineServiceProvider;
}
