package io.moonpool.sim.internal.kernel;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Pending events ordered by (simulated time, insertion sequence): a binary min-heap over flat arrays.
 *
 * <p>Time and sequence of an entry sit next to each other in one {@code long[]}, so a comparison touches
 * one cache line and no objects; scheduling allocates nothing once the arrays have grown. Not thread-safe:
 * only the kernel thread touches it.
 *
 * @param <A> what an event does; the queue only stores it
 */
public final class EventQueue<A> {

    /** keys[2i] = time, keys[2i + 1] = sequence of heap slot i. */
    private long[] keys;
    private A[] actions;
    private int size;
    private long nextSeq;

    private long polledTime;
    private long polledSeq;

    /** Creates an empty queue. */
    public EventQueue() {
        this(64);
    }

    /**
     * Creates an empty queue with room for some events before it grows.
     *
     * @param initialCapacity events it holds before growing
     */
    @SuppressWarnings("unchecked") // only As are ever stored
    public EventQueue(int initialCapacity) {
        int capacity = Math.max(4, initialCapacity);
        keys = new long[capacity * 2];
        actions = (A[]) new Object[capacity];
    }

    /**
     * Adds an event.
     *
     * @param time   the simulated instant, in nanoseconds
     * @param action what happens then
     * @return the event's sequence number, unique within this queue
     */
    public long schedule(long time, A action) {
        if (size == actions.length) {
            grow();
        }
        long seq = nextSeq++;
        siftUp(size++, time, seq, action);
        return seq;
    }

    /**
     * Whether no event is pending.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The number of pending events.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * The instant of the earliest event.
     *
     * @return its time in nanoseconds
     * @throws NoSuchElementException if empty
     */
    public long peekTime() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        return keys[0];
    }

    /**
     * Removes the earliest event; its time and sequence are then available from {@link #polledTime()} and
     * {@link #polledSeq()}, which avoids allocating an entry object per event.
     *
     * @return the earliest event's action
     * @throws NoSuchElementException if empty
     */
    public A poll() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        A top = actions[0];
        polledTime = keys[0];
        polledSeq = keys[1];
        int last = --size;
        A moved = actions[last];
        actions[last] = null;
        if (last > 0) {
            siftDown(keys[2 * last], keys[2 * last + 1], moved, last);
        }
        return top;
    }

    /**
     * The time of the event most recently returned by {@link #poll()}.
     *
     * @return nanoseconds
     */
    public long polledTime() {
        return polledTime;
    }

    /**
     * The sequence number of the event most recently returned by {@link #poll()}.
     *
     * @return the sequence number
     */
    public long polledSeq() {
        return polledSeq;
    }

    /** Drops every pending event. */
    public void clear() {
        Arrays.fill(actions, 0, size, null);
        size = 0;
    }

    private void siftUp(int slot, long time, long seq, A action) {
        long[] k = keys;
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            long pt = k[2 * parent];
            if (pt < time || (pt == time && k[2 * parent + 1] < seq)) {
                break;
            }
            k[2 * slot] = pt;
            k[2 * slot + 1] = k[2 * parent + 1];
            actions[slot] = actions[parent];
            slot = parent;
        }
        k[2 * slot] = time;
        k[2 * slot + 1] = seq;
        actions[slot] = action;
    }

    private void siftDown(long time, long seq, A action, int n) {
        long[] k = keys;
        int slot = 0;
        int half = n >>> 1;
        while (slot < half) {
            int child = 2 * slot + 1;
            long ct = k[2 * child];
            long cs = k[2 * child + 1];
            int right = child + 1;
            if (right < n) {
                long rt = k[2 * right];
                long rs = k[2 * right + 1];
                if (rt < ct || (rt == ct && rs < cs)) {
                    child = right;
                    ct = rt;
                    cs = rs;
                }
            }
            if (time < ct || (time == ct && seq < cs)) {
                break;
            }
            k[2 * slot] = ct;
            k[2 * slot + 1] = cs;
            actions[slot] = actions[child];
            slot = child;
        }
        k[2 * slot] = time;
        k[2 * slot + 1] = seq;
        actions[slot] = action;
    }

    private void grow() {
        int capacity = actions.length * 2;
        keys = Arrays.copyOf(keys, capacity * 2);
        actions = Arrays.copyOf(actions, capacity);
    }
}
