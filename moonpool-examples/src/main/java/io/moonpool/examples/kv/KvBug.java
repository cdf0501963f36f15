package io.moonpool.examples.kv;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A classic bug the store can be switched into, to show that the simulation catches it. The switch is read
 * once, when the simulation or the cluster is configured ({@link #fromSystemProperty()}), and passed into the
 * server and client constructors; nothing reads the property later.
 */
public enum KvBug {
    /** The correct store. */
    NONE("none"),
    /**
     * A replica acknowledges a write as soon as it is appended to its log and forces the log only now and then
     * (every five seconds), so a crash loses writes it had acknowledged.
     */
    ACK_BEFORE_FORCE("ack-before-force"),
    /**
     * The client reads from the first replica that answers instead of a majority, and repairs nothing, so a
     * replica that missed a write while it was down serves the value the write replaced.
     */
    STALE_READ("stale-read");

    /** The system property that selects the bug: {@code -Dkv.bug=ack-before-force}. */
    public static final String PROPERTY = "kv.bug";

    private final String switchValue;

    KvBug(String switchValue) {
        this.switchValue = switchValue;
    }

    /**
     * The value of {@link #PROPERTY} that selects this bug.
     *
     * @return for example {@code "stale-read"}
     */
    public String switchValue() {
        return switchValue;
    }

    /**
     * The bug that {@code -Dkv.bug} selects; {@link #NONE} when the property is unset or blank.
     *
     * @return the selected bug
     * @throws IllegalArgumentException if the property has a value that names no bug (the message lists them)
     */
    public static KvBug fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * The bug a switch value names.
     *
     * @param value the value, as in {@code -Dkv.bug=value}; null or blank means {@link #NONE}
     * @return the bug
     * @throws IllegalArgumentException if {@code value} names no bug (the message lists the valid values)
     */
    public static KvBug parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (KvBug bug : values()) {
            if (bug.switchValue.equals(wanted)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " names no bug; use one of "
                + Arrays.stream(values()).map(KvBug::switchValue).collect(Collectors.joining(", ")));
    }
}
