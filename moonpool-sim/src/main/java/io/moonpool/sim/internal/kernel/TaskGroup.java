package io.moonpool.sim.internal.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The live tasks of one owner, in spawn order: a task spawned with a {@code TaskGroup} as its owner is listed here
 * from its spawn until it ends or is killed, so that {@link Kernel#killGroup} ends an owner's tasks in time
 * proportional to their number, not to every live task of the run (a process's life ending among 10,000).
 *
 * <p>Invariant: {@code head .. tail}, through {@code SimTask.nextInGroup}, holds exactly the live tasks whose
 * {@code group} is this one, in spawn order (the order of the kernel's live list). Kernel thread only.
 */
public class TaskGroup {

    SimTask head;
    SimTask tail;

    /** For subclasses: the owners that group their tasks. */
    protected TaskGroup() {}

    /** The tasks listed, in order (for tests). */
    List<SimTask> tasks() {
        List<SimTask> tasks = new ArrayList<>();
        for (SimTask t = head; t != null; t = t.nextInGroup) {
            tasks.add(t);
        }
        return tasks;
    }

    void link(SimTask task) {
        task.group = this;
        task.prevInGroup = tail;
        if (tail == null) {
            head = task;
        } else {
            tail.nextInGroup = task;
        }
        tail = task;
    }

    void unlink(SimTask task) {
        if (task.prevInGroup == null) {
            head = task.nextInGroup;
        } else {
            task.prevInGroup.nextInGroup = task.nextInGroup;
        }
        if (task.nextInGroup == null) {
            tail = task.prevInGroup;
        } else {
            task.nextInGroup.prevInGroup = task.prevInGroup;
        }
        task.prevInGroup = null;
        task.nextInGroup = null;
        task.group = null;
    }
}
