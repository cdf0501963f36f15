package io.moonpool.junit.internal;

import io.moonpool.api.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration written in an annotation: ISO-8601 ({@code PT30S}) or a number and a unit ({@code 30s}). */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {}

    /**
     * Parses the text.
     *
     * @param text  the text
     * @param where what holds it, for the error
     * @return the duration
     * @throws ConfigurationException if the text is neither form, naming {@code where} and the forms accepted
     */
    static Duration parse(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new ConfigurationException(List.of(where + " = \"" + text + "\" is not a duration: write it as"
                    + " ISO-8601 (\"PT30S\") or as a number and a unit: \"500ms\", \"30s\", \"5m\", \"1h\", \"2d\""));
        }
    }
}
