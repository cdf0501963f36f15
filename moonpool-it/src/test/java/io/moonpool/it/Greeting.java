package io.moonpool.it;

/** A user type bound in a user's Guice module, to prove user bindings reach plugins and processes. */
public record Greeting(String text) {}
