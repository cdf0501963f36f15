package io.moonpool.slf4j.internal;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The lowest level recorded in the timeline inside a simulation.
 *
 * @param lowest the lowest recorded {@link Level#toInt()}; {@link Integer#MAX_VALUE} records nothing
 */
public record Threshold(int lowest) {

    /** The default: {@code DEBUG} and above. */
    public static final Threshold DEFAULT = of(Level.DEBUG);

    /** Records nothing. */
    public static final Threshold OFF = new Threshold(Integer.MAX_VALUE);

    /**
     * Returns the threshold that records {@code level} and above.
     *
     * @param level the lowest level recorded
     * @return the threshold
     */
    public static Threshold of(Level level) {
        return new Threshold(level.toInt());
    }

    /**
     * Reads the value of a system property: a level name or {@code OFF}, in any case, or null for the default.
     *
     * @param property the property's name, for the message
     * @param value    its value, or null when it is not set
     * @return the threshold
     * @throws IllegalArgumentException when the value is not a level, naming the property and the accepted values
     */
    public static Threshold parse(String property, String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT; // unset, or blank as a build tool passes it: as every moonpool property
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.equals("OFF")) {
            return OFF;
        }
        for (Level level : Level.values()) {
            if (level.name().equals(name)) {
                return of(level);
            }
        }
        throw new IllegalArgumentException("moonpool-slf4j: -D" + property + "=" + value
                + " is not a level: use TRACE, DEBUG (the default), INFO, WARN, ERROR or OFF");
    }

    /**
     * Tells whether a call at this level is recorded.
     *
     * @param level the call's level
     * @return true when it is at or above the threshold
     */
    public boolean records(Level level) {
        return level.toInt() >= lowest;
    }
}
