/**
 * The tests as a module of their own: Surefire then puts every test dependency on the module path, so the
 * simulator is the named module io.moonpool.sim. Open, so that JUnit can reach the test classes.
 */
open module com.example.ledger.test {
    requires com.example.ledger;
    requires io.moonpool.sim;
    requires io.moonpool.junit;
    requires org.junit.jupiter.api;
}
