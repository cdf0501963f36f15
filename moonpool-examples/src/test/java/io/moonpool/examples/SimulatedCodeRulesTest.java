package io.moonpool.examples;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.moonpool.archunit.SimulatedCodeRules;
import org.junit.jupiter.api.Test;

/** The examples pass the rules that moonpool-archunit gives users for their own simulated code. */
class SimulatedCodeRulesTest {

    @Test
    void theExamplesMakeNoCallThatNoSeedControls() {
        SimulatedCodeRules.forPackages("io.moonpool.examples..")
                .all()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.moonpool.examples"));
    }
}
