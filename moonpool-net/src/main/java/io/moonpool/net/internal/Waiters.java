package io.moonpool.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The tasks parked on one condition (data to read, room to write, a connection to accept). Every change
 * wakes them all: each re-checks the condition, so none is forgotten when several tasks wait on the same
 * stream.
 */
final class Waiters {

    private final List<Thread> parked = new ArrayList<>(1);

    void add(Thread t) {
        parked.add(t);
    }

    void remove(Thread t) {
        parked.remove(t);
    }

    /** Wakes every waiter, in the order they came; forgets tasks that were killed while they waited. */
    void wakeAll() {
        int kept = 0;
        for (int i = 0; i < parked.size(); i++) {
            Thread t = parked.get(i);
            if (t.isAlive()) {
                LockSupport.unpark(t);
                parked.set(kept++, t);
            }
        }
        while (parked.size() > kept) {
            parked.removeLast();
        }
    }
}
