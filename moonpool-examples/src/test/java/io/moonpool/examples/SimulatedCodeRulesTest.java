package io.moonpool.examples;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.moonpool.archunit.SimulatedCodeRules;
import io.moonpool.examples.kv.KvClusterMain;
import org.junit.jupiter.api.Test;

/** The examples pass the rules that moonpool-archunit gives users for their own simulated code. */
class SimulatedCodeRulesTest {

    @Test
    void theExamplesMakeNoCallThatNoSeedControls() {
        // KvClusterMain runs the store on real nodes: it starts them and cleans their directories, outside any
        // simulation, so real threads and files are what it must use
        SimulatedCodeRules.forClassesThat(JavaClass.Predicates.resideInAPackage("io.moonpool.examples..")
                        .and(DescribedPredicate.describe(
                                "are not KvClusterMain", c -> !c.getName().startsWith(KvClusterMain.class.getName()))))
                .all()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.moonpool.examples"));
    }
}
