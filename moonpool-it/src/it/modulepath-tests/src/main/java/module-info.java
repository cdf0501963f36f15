/** A tiny server whose simulation tests run on the module path, in a test module of their own. */
module com.example.ledger {
    requires io.moonpool.api;

    exports com.example.ledger;
}
