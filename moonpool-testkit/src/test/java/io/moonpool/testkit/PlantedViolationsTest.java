package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.testkit.RegisterPlugin.Violation;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each guarantee of the contract can fail: a register that breaks it makes that contract test fail. */
class PlantedViolationsTest {

    private static void fails(Executable check, String expected) {
        AssertionError e = assertThrows(AssertionError.class, check);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aPluginThatDrawsWithFaultsOffFailsTheDrawCheck() {
        fails(
                new RegisterContract(Violation.DRAWS_WITH_FAULTS_OFF)
                        ::withFaultsOffItDrawsNothingFromTheSimulationStream,
                "exercise() drew from KernelServices.random() with faults off");
    }

    @Test
    void aPluginThatStaysActiveFailsTheSettleCheck() {
        fails(
                new RegisterContract(Violation.STAYS_ACTIVE)::itIsQuietAfterSettle,
                "still active after every scheduled action ran, at t=10000000 ns: register: still busy");
    }

    @Test
    void aPluginThatKeepsAFaultAfterChaosFailsTheLiftCheck() {
        fails(
                new RegisterContract(Violation.KEEPS_FAULT_AFTER_CHAOS)::onChaosEndLiftsEveryLastingFault,
                "a lasting fault outlived onChaosEnd()");
    }

    @Test
    void aPluginDeafToRebootsFailsTheLifecycleCheck() {
        fails(
                new RegisterContract(Violation.DEAF_TO_REBOOTS)::crashAndGracefulRebootReachItsInstances,
                "a CRASH reboot did not have its effect on the plugin");
    }

    @Test
    void aNondeterministicPluginFailsTheTraceCheckBeforeAnyFork() {
        fails(
                new RegisterContract(Violation.NONDETERMINISTIC)::theSameSeedGivesTheSameTraceInAFreshJvm,
                "the same seeds gave another trace in the same JVM");
    }

    /** Made by its name in the fresh JVM, so it needs a no-argument constructor. */
    static final class JvmBoundRegisterContract extends RegisterContract {
        JvmBoundRegisterContract() {
            super(Violation.JVM_BOUND);
        }
    }

    @Test
    void aPluginThatReplaysOnlyInItsOwnJvmFailsTheTraceCheckInTheFreshOne() {
        fails(
                new JvmBoundRegisterContract()::theSameSeedGivesTheSameTraceInAFreshJvm,
                "the same seeds gave another trace in a fresh JVM");
    }

    @Test
    void aRebootCheckThatChecksNothingIsRejected() {
        RegisterContract blind = new RegisterContract(Violation.NONE) {
            @Override
            protected void checkReboot(ResourceInstance instance, RebootKind kind, Consumer<InetAddress> reboot) {
                reboot.accept(NODE);
            }
        };
        fails(blind::crashAndGracefulRebootReachItsInstances, "also passed with the lifecycle events withheld");
    }

    @Test
    void lastingFaultsThatChangeNothingAreRejected() {
        RegisterContract blind = new RegisterContract(Violation.NONE) {
            @Override
            protected void makeLastingFaults(ResourceInstance instance) {
                // makes none, but says it does by overriding
            }
        };
        fails(blind::onChaosEndLiftsEveryLastingFault, "makeLastingFaults() made no fault that exercise() can see");
    }
}
