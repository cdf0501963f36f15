package io.moonpool.testkit;

import io.moonpool.testkit.RegisterPlugin.Violation;

/** The contract against the register, which keeps every guarantee: every inherited test passes. */
class RegisterPluginContractTest extends RegisterContract {

    RegisterPluginContractTest() {
        super(Violation.NONE);
    }
}
