package io.moonpool.api;

import java.io.Serial;
import java.util.List;

/**
 * A simulation, or one of its parts, is configured in a way that cannot run. Every problem found is
 * listed at once, each naming the setting and the fix.
 */
public final class ConfigurationException extends MoonpoolException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The problems, each a sentence naming the setting and what to change. */
    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> problems;

    /**
     * Creates an exception listing one or more problems.
     *
     * @param problems the problems found, in the order found; must not be empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigurationException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found, in the order they were found.
     *
     * @return an unmodifiable list of messages
     */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
        }
        if (problems.size() == 1) {
            return "Invalid simulation configuration: " + problems.getFirst();
        }
        StringBuilder sb = new StringBuilder("Invalid simulation configuration, ")
                .append(problems.size())
                .append(" problems:");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(System.lineSeparator())
                    .append("  ")
                    .append(i + 1)
                    .append(") ")
                    .append(problems.get(i));
        }
        return sb.toString();
    }
}
