package io.moonpool.sim.internal.runner;

/** Class names as timeline entries show them: the same in every JVM launch, so that a replay shows the same. */
public final class TimelineNames {

    private TimelineNames() {}

    /**
     * A class name without its package and without what the JVM makes up per launch: a lambda's or a hidden
     * class's address, a proxy's number, a generated subclass's suffix.
     *
     * @param name a class's binary name
     * @return what a timeline entry shows of it
     */
    public static String simple(String name) {
        int cut = name.indexOf('/'); // hidden classes: Foo$$Lambda/0x...
        if (cut >= 0) {
            name = name.substring(0, cut);
        }
        int generated = name.indexOf("$$");
        if (generated >= 0) {
            int end = name.indexOf('$', generated + 2);
            name = end < 0 ? name : name.substring(0, end);
        }
        int buddy = name.indexOf("$ByteBuddy$");
        if (buddy >= 0) {
            name = name.substring(0, buddy) + "$ByteBuddy";
        }
        name = name.substring(name.lastIndexOf('.') + 1);
        if (name.startsWith("$Proxy")) {
            name = "$Proxy";
        }
        return name;
    }
}
