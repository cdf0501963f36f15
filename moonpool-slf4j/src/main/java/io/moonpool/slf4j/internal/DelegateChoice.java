package io.moonpool.slf4j.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Which SLF4J provider gets the calls made outside a simulation, and what to warn about: a decision over the
 * candidates found, so that it can be tested without a class path.
 *
 * @param chosen  the delegate, or empty when there is no other provider
 * @param warning a warning for the user (several candidates and none named), or empty
 */
public record DelegateChoice(Optional<Candidate> chosen, Optional<String> warning) {

    /**
     * One SLF4J provider found on the class path, not yet built.
     *
     * @param className its class name
     * @param instance  builds it
     */
    public record Candidate(String className, Supplier<SLF4JServiceProvider> instance) {}

    /**
     * Chooses the delegate: the candidate named by {@code wanted} when it is set, otherwise the first candidate in
     * the order given (ServiceLoader order, the order SLF4J itself would take them in). {@code self} is never
     * chosen.
     *
     * @param candidates the providers found, in ServiceLoader order
     * @param self       the class name of the provider that delegates, skipped
     * @param property   the system property that names the delegate, for the messages
     * @param wanted     the value of that property, or null when it is not set
     * @return the choice
     * @throws IllegalStateException when {@code wanted} names no candidate, naming those found and the fix
     */
    public static DelegateChoice choose(List<Candidate> candidates, String self, String property, String wanted) {
        List<Candidate> others =
                candidates.stream().filter(c -> !c.className().equals(self)).toList();
        List<String> names = others.stream().map(Candidate::className).toList();
        if (wanted != null && !wanted.isBlank()) {
            String name = wanted.trim();
            return others.stream()
                    .filter(c -> c.className().equals(name))
                    .findFirst()
                    .map(c -> new DelegateChoice(Optional.of(c), Optional.<String>empty()))
                    .orElseThrow(() -> new IllegalStateException("moonpool-slf4j: -D" + property + "=" + wanted
                            + " names no SLF4J provider on the class path; the providers found are " + names
                            + ": name one of them, or add the jar of the one you want"));
        }
        if (others.isEmpty()) {
            return new DelegateChoice(Optional.empty(), Optional.empty());
        }
        Optional<String> warning = others.size() == 1
                ? Optional.empty()
                : Optional.of("moonpool-slf4j: several SLF4J providers to delegate to: " + names + "; using "
                        + names.getFirst() + ", the first on the class path. Set -D" + property
                        + "=<class name> to choose one.");
        return new DelegateChoice(Optional.of(others.getFirst()), warning);
    }
}
