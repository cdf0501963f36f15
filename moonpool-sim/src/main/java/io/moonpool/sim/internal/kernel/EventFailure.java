package io.moonpool.sim.internal.kernel;

/**
 * An event scheduled by a plugin threw: the run ends, and the failure names the event's class (which names
 * the plugin) rather than the kernel.
 */
public final class EventFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String actionClass;

    EventFailure(String actionClass, Throwable cause) {
        super("an event of " + stable(actionClass) + " threw: " + cause, cause);
        this.actionClass = stable(actionClass);
    }

    /** A lambda's class name ends in an address that differs between runs: keep the class that made it. */
    private static String stable(String className) {
        int lambda = className.indexOf("$$Lambda");
        return lambda < 0 ? className : className.substring(0, lambda) + " (a lambda)";
    }

    /**
     * The class of the event that threw, such as a plugin's lambda.
     *
     * @return its binary name, or for a lambda the class that made it
     */
    public String actionClass() {
        return actionClass;
    }
}
