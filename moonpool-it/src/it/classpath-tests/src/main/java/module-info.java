/** A tiny server whose simulation tests run on the class path: the usual Maven layout, with a module. */
module com.example.ledger {
    requires io.moonpool.api;

    exports com.example.ledger;
}
