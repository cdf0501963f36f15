package io.moonpool.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The open connection ends of one node, in the order they opened: an intrusive doubly linked list through
 * {@link SimConnection#prevOnNode}/{@link SimConnection#nextOnNode}, so that adding, removing and asking
 * whether an end is listed cost O(1) however many connections the node holds, and iteration follows opening
 * order (never a hash order).
 */
final class NodeConnections {

    private SimConnection first;
    private SimConnection last;
    private int size;

    /** Appends an end that is on no node's list yet. */
    void add(SimConnection c) {
        c.prevOnNode = last;
        c.nextOnNode = null;
        if (last == null) {
            first = c;
        } else {
            last.nextOnNode = c;
        }
        last = c;
        c.onNode = true;
        size++;
    }

    /**
     * Unlinks an end.
     *
     * @return whether it was listed (an end is removed once: a second close finds it gone)
     */
    boolean remove(SimConnection c) {
        if (!c.onNode) {
            return false;
        }
        if (c.prevOnNode == null) {
            first = c.nextOnNode;
        } else {
            c.prevOnNode.nextOnNode = c.nextOnNode;
        }
        if (c.nextOnNode == null) {
            last = c.prevOnNode;
        } else {
            c.nextOnNode.prevOnNode = c.prevOnNode;
        }
        c.prevOnNode = null;
        c.nextOnNode = null;
        c.onNode = false;
        size--;
        return true;
    }

    /**
     * Visits the ends listed now, in opening order, without a copy: {@code action} must not open or close ends
     * (use {@link #snapshot()} for that).
     */
    void forEach(Consumer<SimConnection> action) {
        for (SimConnection c = first; c != null; c = c.nextOnNode) {
            action.accept(c);
        }
    }

    /** The ends listed now, in opening order: a copy, safe to iterate while ends close. */
    List<SimConnection> snapshot() {
        List<SimConnection> copy = new ArrayList<>(size);
        for (SimConnection c = first; c != null; c = c.nextOnNode) {
            copy.add(c);
        }
        return copy;
    }

    /** Unlinks every end. */
    void clear() {
        while (first != null) {
            remove(first);
        }
    }
}
