package io.moonpool.examples.kv;

import java.util.Objects;

/**
 * A value and its version. The client gives every write a version higher than any it gave before, and a
 * replica keeps the highest version it has seen of each key, so a higher version always wins.
 *
 * @param version the version; 0 only for {@link #ABSENT}
 * @param value   the value
 */
public record Versioned(long version, String value) {

    /** What a key holds before any write. */
    public static final Versioned ABSENT = new Versioned(0, "");

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     * @throws NullPointerException     if {@code value} is null
     */
    public Versioned {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        Objects.requireNonNull(value, "value");
    }

    /**
     * Whether this is newer than {@code other}.
     *
     * @param other the value to compare with
     * @return true if this version is higher
     */
    public boolean newerThan(Versioned other) {
        return version > other.version;
    }
}
