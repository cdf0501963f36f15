package io.moonpool.sim.internal.kernel;

/**
 * The stacks of tasks as failure reports and the watchdog print them: one frame filter for both, so that a
 * report starts at the task's own code rather than in the JDK's parking machinery.
 */
final class TaskStacks {

    /** Frames a kernel failure report shows; the watchdog shows them all. */
    static final int FRAMES_IN_REPORT = 8;

    private TaskStacks() {}

    /**
     * The task's stack as it stands, as {@link #format} prints it with {@link #FRAMES_IN_REPORT} frames.
     *
     * @param task a task of the kernel, parked or running
     * @return the stack, one indented line per frame, each line starting with a line separator
     */
    static String of(SimTask task) {
        return format(task.thread().getStackTrace(), 0, FRAMES_IN_REPORT);
    }

    /**
     * Formats frames from {@code from} on, leaving out the JDK's parking machinery above the first frame
     * shown, and at most {@code limit} frames, marking the cut with {@code ...}.
     *
     * @param frames the stack, innermost frame first
     * @param from   the first frame to consider
     * @param limit  how many frames to show at most
     * @return one line per frame, each starting with a line separator; empty if nothing is shown
     */
    static String format(StackTraceElement[] frames, int from, int limit) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = from; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            if (shown == 0 && isParkingMachinery(f)) {
                continue; // says nothing about the task
            }
            if (shown == limit) {
                sb.append(System.lineSeparator()).append("    ...");
                break;
            }
            sb.append(System.lineSeparator()).append("    at ").append(f);
            shown++;
        }
        return sb.toString();
    }

    /**
     * Whether a frame belongs to the JDK's virtual-thread parking and scheduling code.
     *
     * @param frame a stack frame
     * @return true for {@code java.lang.VirtualThread} and the {@code java.lang.System$...} access bridges
     */
    static boolean isParkingMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.equals("java.lang.VirtualThread") || c.startsWith("java.lang.System$");
    }

    /**
     * Whether a task that waits in {@code Object.wait} does so inside {@code Thread.join}, judged from its
     * innermost frames.
     *
     * @param task a task of the kernel, not running
     * @return true if {@code Thread.join} is among its top 8 frames
     */
    static boolean joinsAThread(SimTask task) {
        StackTraceElement[] frames = task.thread().getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            if (frames[i].getClassName().equals("java.lang.Thread")
                    && frames[i].getMethodName().equals("join")) {
                return true;
            }
        }
        return false;
    }
}
