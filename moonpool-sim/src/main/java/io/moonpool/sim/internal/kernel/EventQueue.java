package io.moonpool.sim.internal.kernel;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Pending events ordered by (simulated time, insertion sequence): an indexed binary min-heap over flat
 * arrays, from which a pending event can also be removed, in O(log n), by the handle {@link #schedule}
 * returned for it.
 *
 * <p>Layout and invariant. Heap slot {@code i} ({@code 0 <= i < size}) holds {@code keys[3i] = time},
 * {@code keys[3i + 1] = sequence} and {@code keys[3i + 2] = id}; no slot's (time, sequence) is less than its
 * parent's, slot {@code (i - 1) / 2}. The id names the event for as long as it is pending, and indexes the
 * side tables: {@code slotOf[id] = i} and {@code actionOf[id]} is the event's action. A free id (never
 * handed out, or its event fired or removed) is on a free list threaded through {@code slotOf}, and
 * {@code genOf[id]} counts how often it has been freed. A handle is {@code genOf[id] << 32 | id}, so a
 * handle of an event that has fired or been removed no longer matches, even once its id names a newer
 * event (until the id has been freed 2^31 times). Ids, handles and the free list never touch the order:
 * events fire by (time, sequence) alone, and the sequence numbers are 0, 1, 2, ... in order of
 * {@code schedule}, exactly as in a heap without removal.
 *
 * <p>Scheduling and polling allocate nothing once the arrays have grown; the heap moves only primitive
 * keys, and an event's action stays where it is until it fires. Not thread-safe: only the kernel thread
 * touches it.
 *
 * @param <A> what an event does; the queue only stores it
 */
public final class EventQueue<A> {

    /**
     * The size up to which {@link #siftDown} picks a child without a branch (16,384 events: 384 KiB of keys).
     * Measured with the hold model on a 2-core EPYC (1 MiB L2 per core) against the branching version: 0.74x the
     * time at 1,000 pending, 0.80x at 10,000, but 1.1x at 30,000 and 1.7x at 100,000.
     */
    static final int BRANCH_FREE_MAX = 16_384;

    /** Generations are 31 bits, so that a handle is never negative and -1 can mean "no event". */
    private static final int GENERATION_MASK = Integer.MAX_VALUE;

    /** keys[3i] = time, keys[3i + 1] = sequence, keys[3i + 2] = id of heap slot i. */
    private long[] keys;
    /** By id: the heap slot of a pending event, or the next free id (-1 ends the list). */
    private int[] slotOf;
    /** By id: how often the id has been freed, modulo 2^31. */
    private int[] genOf;
    /** By id: the action of a pending event, null for a free id. */
    private A[] actionOf;

    private int size;
    /** Ids 0 .. issuedIds - 1 have been handed out at least once; the rest are fresh. */
    private int issuedIds;

    private int freeId = -1;
    private long nextSeq;

    private long polledTime;
    private long polledSeq;
    private long polledHandle = -1;

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
        keys = new long[capacity * 3];
        slotOf = new int[capacity];
        genOf = new int[capacity];
        actionOf = (A[]) new Object[capacity];
    }

    /**
     * Adds an event.
     *
     * @param time   the simulated instant, in nanoseconds
     * @param action what happens then
     * @return the event's handle, for {@link #remove(long)}: never negative, and unique among the pending
     *         events of this queue (the same handle comes back only once its slot has been reused 2^31 times)
     */
    public long schedule(long time, A action) {
        if (size == actionOf.length) {
            grow();
        }
        int id = freeId;
        if (id >= 0) {
            freeId = slotOf[id];
        } else {
            id = issuedIds++;
        }
        actionOf[id] = action;
        siftUp(size++, time, nextSeq++, id);
        return handle(id);
    }

    /**
     * Removes a pending event, so that it never fires, and frees its place at once. The order of the
     * remaining events is unchanged.
     *
     * @param handle what {@link #schedule} returned for the event
     * @return true if the event was pending and is now removed; false, changing nothing, if it has fired or
     *         been removed already, or if {@code handle} is negative or was never returned by this queue
     */
    public boolean remove(long handle) {
        int id = (int) handle;
        if (handle < 0 || id < 0 || id >= issuedIds) {
            return false;
        }
        int slot = slotOf[id];
        long[] k = keys;
        if (genOf[id] != (int) (handle >>> 32) || slot < 0 || slot >= size || (int) k[3 * slot + 2] != id) {
            return false;
        }
        free(id);
        int last = --size;
        if (slot != last) {
            // the last slot's event takes the removed one's place, and moves up or down from there
            int l = 3 * last;
            long time = k[l];
            long seq = k[l + 1];
            int movedId = (int) k[l + 2];
            if (slot > 0 && precedesParent(slot, time, seq)) {
                siftUp(slot, time, seq, movedId);
            } else {
                siftDown(slot, time, seq, movedId, last);
            }
        }
        return true;
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
     * The number of pending events: scheduled, and neither polled nor removed.
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
     * Removes the earliest event; its time, sequence and handle are then available from {@link #polledTime()},
     * {@link #polledSeq()} and {@link #polledHandle()}, which avoids allocating an entry object per event.
     *
     * @return the earliest event's action
     * @throws NoSuchElementException if empty
     */
    public A poll() {
        if (size == 0) {
            throw new NoSuchElementException("no pending event");
        }
        long[] k = keys;
        int id = (int) k[2];
        A top = actionOf[id];
        polledTime = k[0];
        polledSeq = k[1];
        polledHandle = handle(id);
        free(id);
        int last = --size;
        if (last > 0) {
            int l = 3 * last;
            siftDown(0, k[l], k[l + 1], (int) k[l + 2], last);
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
     * The sequence number of the event most recently returned by {@link #poll()}: its place in the order of
     * {@link #schedule} calls, from 0.
     *
     * @return the sequence number
     */
    public long polledSeq() {
        return polledSeq;
    }

    /**
     * The handle of the event most recently returned by {@link #poll()}, as {@link #schedule} returned it.
     *
     * @return the handle, or -1 before the first poll
     */
    public long polledHandle() {
        return polledHandle;
    }

    /** Drops every pending event; their handles no longer remove anything. */
    public void clear() {
        long[] k = keys;
        for (int i = 0; i < size; i++) {
            free((int) k[3 * i + 2]);
        }
        size = 0;
    }

    private long handle(int id) {
        return (long) genOf[id] << 32 | id;
    }

    private void free(int id) {
        actionOf[id] = null;
        genOf[id] = (genOf[id] + 1) & GENERATION_MASK;
        slotOf[id] = freeId;
        freeId = id;
    }

    private boolean precedesParent(int slot, long time, long seq) {
        int p = 3 * ((slot - 1) >>> 1);
        long pt = keys[p];
        return time < pt || (time == pt && seq < keys[p + 1]);
    }

    private void siftUp(int slot, long time, long seq, int id) {
        long[] k = keys;
        int[] slots = slotOf;
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            int p = 3 * parent;
            long pt = k[p];
            long ps = k[p + 1];
            if (pt < time || (pt == time && ps < seq)) {
                break;
            }
            int s = 3 * slot;
            long parentId = k[p + 2];
            k[s] = pt;
            k[s + 1] = ps;
            k[s + 2] = parentId;
            slots[(int) parentId] = slot;
            slot = parent;
        }
        int s = 3 * slot;
        k[s] = time;
        k[s + 1] = seq;
        k[s + 2] = id;
        slots[id] = slot;
    }

    private void siftDown(int slot, long time, long seq, int id, int n) {
        if (n <= BRANCH_FREE_MAX) {
            siftDownBranchFree(slot, time, seq, id, n);
        } else {
            siftDownBranching(slot, time, seq, id, n);
        }
    }

    /**
     * Picks the earlier child without a branch: while the keys stay in the core's cache, a mispredicted branch per
     * level is what a sift costs.
     */
    private void siftDownBranchFree(int slot, long time, long seq, int id, int n) {
        long[] k = keys;
        int[] slots = slotOf;
        int half = n >>> 1;
        while (slot < half) {
            int child = 2 * slot + 1;
            int c = 3 * child;
            if (child + 1 < n) {
                // which child comes first is a coin toss for the branch predictor: decide it without a branch
                long dt = k[c + 3] - k[c]; // times and sequences are >= 0: no overflow
                long ds = k[c + 4] - k[c + 1];
                int right = (dt < 0 | (dt == 0 & ds < 0)) ? 1 : 0;
                child += right;
                c += 3 * right;
            }
            long ct = k[c];
            long cs = k[c + 1];
            if (time < ct || (time == ct && seq < cs)) {
                break;
            }
            int s = 3 * slot;
            long childId = k[c + 2];
            k[s] = ct;
            k[s + 1] = cs;
            k[s + 2] = childId;
            slots[(int) childId] = slot;
            slot = child;
        }
        int s = 3 * slot;
        k[s] = time;
        k[s + 1] = seq;
        k[s + 2] = id;
        slots[id] = slot;
    }

    /**
     * Picks the earlier child with a branch: in a heap past the core's cache, the predicted path loads the next level
     * ahead, where the branch-free choice waits for each load before it knows the next address.
     */
    private void siftDownBranching(int slot, long time, long seq, int id, int n) {
        long[] k = keys;
        int[] slots = slotOf;
        int half = n >>> 1;
        while (slot < half) {
            int child = 2 * slot + 1;
            int c = 3 * child;
            long ct = k[c];
            long cs = k[c + 1];
            if (child + 1 < n) {
                long rt = k[c + 3];
                long rs = k[c + 4];
                if (rt < ct || (rt == ct && rs < cs)) {
                    child++;
                    c += 3;
                    ct = rt;
                    cs = rs;
                }
            }
            if (time < ct || (time == ct && seq < cs)) {
                break;
            }
            int s = 3 * slot;
            long childId = k[c + 2];
            k[s] = ct;
            k[s + 1] = cs;
            k[s + 2] = childId;
            slots[(int) childId] = slot;
            slot = child;
        }
        int s = 3 * slot;
        k[s] = time;
        k[s + 1] = seq;
        k[s + 2] = id;
        slots[id] = slot;
    }

    private void grow() {
        int capacity = actionOf.length * 2;
        keys = Arrays.copyOf(keys, capacity * 3);
        slotOf = Arrays.copyOf(slotOf, capacity);
        genOf = Arrays.copyOf(genOf, capacity);
        actionOf = Arrays.copyOf(actionOf, capacity);
    }
}
