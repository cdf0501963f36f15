package io.moonpool.slf4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moonpool.slf4j.internal.DelegateChoice.Candidate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelegateChoiceTest {

    private static final String SELF = "io.moonpool.slf4j.TimelineServiceProvider";
    private static final String PROPERTY = "moonpool.log.delegate";

    private static Candidate candidate(String className) {
        return new Candidate(className, () -> {
            throw new AssertionError("choosing builds no provider");
        });
    }

    private static Optional<String> chosen(DelegateChoice choice) {
        return choice.chosen().map(Candidate::className);
    }

    @Test
    void aloneThereIsNoDelegate() {
        DelegateChoice choice = DelegateChoice.choose(List.of(candidate(SELF)), SELF, PROPERTY, null);

        assertEquals(Optional.empty(), chosen(choice));
        assertEquals(Optional.empty(), choice.warning());
    }

    @Test
    void theOtherProviderIsTheDelegateWhereverItComes() {
        assertEquals(
                Optional.of("logback"),
                chosen(DelegateChoice.choose(List.of(candidate("logback"), candidate(SELF)), SELF, PROPERTY, null)));
        DelegateChoice after =
                DelegateChoice.choose(List.of(candidate(SELF), candidate("logback")), SELF, PROPERTY, null);
        assertEquals(Optional.of("logback"), chosen(after));
        assertEquals(Optional.empty(), after.warning());
    }

    @Test
    void amongSeveralTheFirstIsTakenWithAWarningThatNamesTheProperty() {
        DelegateChoice choice = DelegateChoice.choose(
                List.of(candidate(SELF), candidate("simple"), candidate("logback")), SELF, PROPERTY, null);

        assertEquals(Optional.of("simple"), chosen(choice));
        assertEquals(
                Optional.of("moonpool-slf4j: several SLF4J providers to delegate to: [simple, logback]; using simple,"
                        + " the first on the class path. Set -Dmoonpool.log.delegate=<class name> to choose one."),
                choice.warning());
    }

    @Test
    void thePropertyChoosesOneWithoutAWarning() {
        DelegateChoice choice = DelegateChoice.choose(
                List.of(candidate(SELF), candidate("simple"), candidate("logback")), SELF, PROPERTY, " logback ");

        assertEquals(Optional.of("logback"), chosen(choice));
        assertEquals(Optional.empty(), choice.warning());
    }

    @Test
    void thePropertyNeverChoosesTheProviderItself() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> DelegateChoice.choose(List.of(candidate(SELF), candidate("simple")), SELF, PROPERTY, SELF));

        assertEquals(
                "moonpool-slf4j: -Dmoonpool.log.delegate=" + SELF + " names no SLF4J provider on the class path;"
                        + " the providers found are [simple]: name one of them, or add the jar of the one you want",
                e.getMessage());
    }

    @Test
    void aPropertyThatNamesAnAbsentProviderFailsNamingThoseFound() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> DelegateChoice.choose(List.of(candidate("simple")), SELF, PROPERTY, "logback"));

        assertEquals(
                "moonpool-slf4j: -Dmoonpool.log.delegate=logback names no SLF4J provider on the class path;"
                        + " the providers found are [simple]: name one of them, or add the jar of the one you want",
                e.getMessage());
    }
}
