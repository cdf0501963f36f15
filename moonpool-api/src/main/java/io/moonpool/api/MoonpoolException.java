package io.moonpool.api;

import java.io.Serial;

/**
 * The root of the exceptions Moonpool itself throws, as opposed to failures of the system under test,
 * which end up in the simulation report.
 */
public class MoonpoolException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what went wrong and how to fix it.
     *
     * @param message the message
     */
    public MoonpoolException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message the message
     * @param cause   the underlying failure
     */
    public MoonpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
