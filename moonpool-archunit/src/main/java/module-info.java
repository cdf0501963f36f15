/**
 * ArchUnit rules that keep wall clocks, unseeded randomness, threads, real-time sleeps and real I/O out of the
 * classes a user simulates; only the rules' package is exported.
 */
// ArchUnit's jar is an automatic module, with a stable Automatic-Module-Name (com.tngtech.archunit)
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.moonpool.archunit {
    // transitive: the rules are ArchRules, checked against JavaClasses, and scopes can be DescribedPredicates
    requires transitive com.tngtech.archunit;
    // for @Simulated and for ConfigurationProblems; no exported signature names an API type
    requires io.moonpool.api;

    exports io.moonpool.archunit;
}
