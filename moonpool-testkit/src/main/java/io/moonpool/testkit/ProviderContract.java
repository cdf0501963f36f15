package io.moonpool.testkit;

/**
 * SKELETON: the provider contracts land with issue 13.
 */
public abstract class ProviderContract {

    /** For subclasses. */
    protected ProviderContract() {}
}
