package io.moonpool.examples;

/** Placeholder replaced below. */
public final class Main {
    private Main() {
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
    }
}
