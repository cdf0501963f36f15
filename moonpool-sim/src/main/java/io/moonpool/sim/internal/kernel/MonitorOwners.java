package io.moonpool.sim.internal.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds the monitors that blocked tasks wait for, read from a JVM thread dump: the only public way to
 * see a virtual thread's monitors. Used for failure reports only (a deadlock, a time limit), never on a hot
 * path: a dump costs milliseconds.
 */
final class MonitorOwners {

    /** What a thread dump says of one thread: the monitors it holds, and the one it waits to enter. */
    private record Locks(String name, List<String> held, String waitingFor, String waitingOn) {}

    private final Map<Long, Locks> byThreadId;

    private MonitorOwners(Map<Long, Locks> byThreadId) {
        this.byThreadId = byThreadId;
    }

    /**
     * Takes a thread dump of the JVM.
     *
     * @return the monitors of every thread, or an empty view if the JVM cannot dump its threads
     */
    static MonitorOwners snapshot() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("moonpool-threads");
            Path file = dir.resolve("threads.txt");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            MonitorOwners owners = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            Files.deleteIfExists(file);
            return owners;
        } catch (IOException | RuntimeException | LinkageError e) {
            return new MonitorOwners(Map.of());
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover empty temp directory is harmless
                }
            }
        }
    }

    /** Parses the plain-text format of {@code HotSpotDiagnosticMXBean.dumpThreads}. */
    static MonitorOwners parse(List<String> lines) {
        Map<Long, Locks> threads = new LinkedHashMap<>();
        long tid = -1;
        String name = null;
        List<String> held = new ArrayList<>();
        String waitingFor = null;
        String waitingOn = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                int space = line.indexOf(' ');
                try {
                    tid = Long.parseLong(line.substring(1, space < 0 ? line.length() : space));
                } catch (NumberFormatException e) {
                    tid = -1;
                }
                int q1 = line.indexOf('"');
                int q2 = line.indexOf('"', q1 + 1);
                name = q1 >= 0 && q2 > q1 ? line.substring(q1 + 1, q2) : "";
                held = new ArrayList<>();
                waitingFor = null;
                waitingOn = null;
            } else if (line.isEmpty()) {
                if (tid >= 0) {
                    threads.put(tid, new Locks(name, held, waitingFor, waitingOn));
                }
                tid = -1;
            } else if (line.startsWith("- locked <")) {
                held.add(object(line));
            } else if (line.startsWith("- waiting to lock <")) {
                waitingFor = object(line);
            } else if (line.startsWith("- waiting on <")) {
                waitingOn = object(line);
            }
        }
        if (tid >= 0) {
            threads.put(tid, new Locks(name, held, waitingFor, waitingOn));
        }
        return new MonitorOwners(threads);
    }

    private static String object(String line) {
        return line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
    }

    /**
     * Whether the dump shows a task and no monitor held by it.
     *
     * @param task the task
     * @return false when it holds one, or when the dump does not show it (so nobody can tell)
     */
    boolean holdsNoMonitor(SimTask task) {
        Locks locks = byThreadId.get(task.thread().threadId());
        return locks != null && locks.held().isEmpty();
    }

    /**
     * The name of the thread a task waits for in {@code Thread.join}: the thread whose own monitor the task
     * waits on.
     *
     * @param task a task in {@code Object.wait}
     * @return the thread's name, or null when the dump does not say
     */
    String threadAwaitedBy(SimTask task) {
        Locks mine = byThreadId.get(task.thread().threadId());
        if (mine == null) {
            return null;
        }
        // Thread.join waits on the thread's own monitor, which the dump lists as waited on or, at the join
        // frame, as locked (Object.wait releases it, but the frame still entered it)
        List<String> candidates = new ArrayList<>();
        if (mine.waitingOn() != null) {
            candidates.add(mine.waitingOn());
        }
        candidates.addAll(mine.held());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (candidates.contains(java.util.Objects.toIdentityString(t))) {
                return t.getName();
            }
        }
        return null;
    }

    /**
     * Describes who holds the monitor a blocked task waits to enter.
     *
     * @param blocked   the blocked task
     * @param suspects  the tasks that may hold it, killed ones included
     * @return for example {@code " on a java.lang.Object held by task 'x', killed at PT1.5S"}, or empty when
     *         the dump does not say
     */
    String ownerOf(SimTask blocked, List<SimTask> suspects) {
        Locks mine = byThreadId.get(blocked.thread().threadId());
        if (mine == null || mine.waitingFor() == null) {
            return "";
        }
        String monitor = mine.waitingFor();
        // the identity hash after '@' differs between runs: report the class only
        String what = " on a " + (monitor.indexOf('@') > 0 ? monitor.substring(0, monitor.indexOf('@')) : monitor);
        for (SimTask s : suspects) {
            Locks theirs = byThreadId.get(s.thread().threadId());
            if (theirs != null && theirs.held().contains(monitor)) {
                return what + " held by task '" + s.name() + "'"
                        + (s.wasKilled()
                                ? ", which was killed at simulated time " + java.time.Duration.ofNanos(s.killedAt)
                                        + " while holding it (its process crashed or was rebooted): share no monitor between a"
                                        + " process and code that outlives it"
                                : "");
            }
        }
        for (Locks other : byThreadId.values()) {
            if (other.held().contains(monitor)) {
                return what + " held by thread '" + other.name() + "', outside this simulation";
            }
        }
        return what;
    }
}
