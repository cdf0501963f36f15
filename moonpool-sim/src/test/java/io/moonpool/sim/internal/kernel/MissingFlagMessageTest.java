package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The message {@code run()} fails with when java.lang is not open to the kernel names the flag for the layout
 * Moonpool is loaded in, says why the flag the JVM was given does not do, and under Surefire gives the argLine.
 */
class MissingFlagMessageTest {

    private static final String CLASS_PATH_FLAG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    private static final String MODULE_PATH_FLAG = "--add-opens=java.base/java.lang=io.moonpool.sim";
    private static final Predicate<String> BOOT_LAYER = List.of("com.example.ledger")::contains;
    private static final Throwable REFUSED = new IllegalAccessException("module java.base does not open java.lang");

    private static String message(String module, List<String> jvmArguments, boolean surefire) {
        return VirtualThreads.missingFlagMessage(module, jvmArguments, BOOT_LAYER, surefire, REFUSED);
    }

    @Test
    void onTheClassPathTheFlagOpensJavaLangToAllUnnamed() {
        String message = message(null, List.of(), false);
        assertTrue(message.contains("Moonpool is on the class path"), message);
        assertTrue(message.contains("Start the JVM with `" + CLASS_PATH_FLAG + "`"), message);
        assertTrue(message.contains(REFUSED.toString()), message);
        assertFalse(message.contains("io.moonpool.sim"), message);
        assertFalse(message.contains("argLine"), message);
    }

    @Test
    void onTheModulePathTheFlagNamesTheSimulatorsModule() {
        String message = message("io.moonpool.sim", List.of("-Xmx1g"), false);
        assertTrue(message.contains("Moonpool is on the module path in this JVM (the module io.moonpool.sim"), message);
        assertTrue(message.contains("Start the JVM with `" + MODULE_PATH_FLAG + "`"), message);
        assertFalse(message.contains("ALL-UNNAMED"), message);
    }

    @Test
    void underSurefireItGivesTheArgLineThatKeepsJacocosAgent() {
        String message = message(null, List.of(), true);
        assertTrue(message.contains("<argLine>@{argLine} " + CLASS_PATH_FLAG + "</argLine>"), message);
        assertTrue(message.contains("<argLine></argLine> in the pom's <properties>"), message);
        assertFalse(message.contains("Start the JVM"), message);
        String modular = message("io.moonpool.sim", List.of(), true);
        assertTrue(modular.contains("<argLine>@{argLine} " + MODULE_PATH_FLAG + "</argLine>"), modular);
    }

    @Test
    void theModuleNameOnTheClassPathIsCalledAnUnknownModule() {
        // the README's old advice, with Moonpool on the class path: the JVM warned and ignored it
        String message = message(null, List.of(MODULE_PATH_FLAG, "-Dguice_bytecode_gen_option=DISABLED"), true);
        assertTrue(
                message.contains("The JVM was started with `" + MODULE_PATH_FLAG + "`, which names no module this JVM"
                        + " has (it printed \"WARNING: Unknown module: io.moonpool.sim specified to --add-opens\"):"
                        + " use `" + CLASS_PATH_FLAG + "` instead."),
                message);
    }

    @Test
    void allUnnamedOnTheModulePathOpensTheClassPathOnly() {
        String message = message("io.moonpool.sim", List.of(CLASS_PATH_FLAG), true);
        assertTrue(
                message.contains("The JVM was started with `" + CLASS_PATH_FLAG + "`, which opens java.lang to the"
                        + " class path only: use `" + MODULE_PATH_FLAG + "` instead."),
                message);
    }

    @Test
    void theUsersOwnModuleIsNamedAsNotMoonpools() {
        String message =
                message("io.moonpool.sim", List.of("--add-opens=java.base/java.lang=com.example.ledger,x"), false);
        assertTrue(
                message.contains("which opens java.lang to the module com.example.ledger, not to Moonpool's"), message);
        assertTrue(message.contains("`--add-opens=java.base/java.lang=x`, which names no module"), message);
    }

    @Test
    void flagsForOtherPackagesAreNotMentioned() {
        String message = message(null, List.of("--add-opens=java.base/java.util=ALL-UNNAMED"), false);
        assertFalse(message.contains("was started with"), message);
    }

    @Test
    void withTheRightFlagGivenTheJdkIsBlamedNotTheFlag() {
        String message = message(null, List.of("--add-opens=java.base/java.lang=io.moonpool.sim,ALL-UNNAMED"), true);
        assertTrue(message.contains("the JVM has the flag for it (`" + CLASS_PATH_FLAG + "`)"), message);
        assertTrue(message.contains("run the tests on JDK 25"), message);
        assertFalse(message.contains("instead"), message);
    }
}
