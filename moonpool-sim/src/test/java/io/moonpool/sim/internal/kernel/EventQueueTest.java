package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private record Entry(long time, long seq, EventAction action) {}

    @Test
    void eventsAtTheSameInstantComeOutInInsertionOrder() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        List<EventAction> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            EventAction a = seq -> {};
            actions.add(a);
            q.schedule(5, a);
        }
        for (int i = 0; i < 10; i++) {
            assertSame(actions.get(i), q.poll());
            assertEquals(i, q.polledSeq());
            assertEquals(5, q.polledTime());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void matchesAReferencePriorityQueueUnderARandomHoldModel() {
        SplittableRandom random = new SplittableRandom(99);
        EventQueue<EventAction> q = new EventQueue<>(2);
        PriorityQueue<Entry> reference = new PriorityQueue<>(
                (a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
        // pending events by handle, in an order the random removals can index; and handles no longer pending
        Map<Long, Entry> byHandle = new HashMap<>();
        List<Long> pendingHandles = new ArrayList<>();
        List<Long> staleHandles = new ArrayList<>();
        long now = 0;
        long expectedSeq = 0;
        int removed = 0;
        for (int i = 0; i < 200_000; i++) {
            int op = random.nextInt(10);
            // schedules outnumber polls and removals below 1,000 pending, and are outnumbered above
            if (reference.isEmpty() || op < (reference.size() < 1_000 ? 6 : 4)) {
                EventAction a = seq -> {};
                long at = now + random.nextInt(100);
                long handle = q.schedule(at, a);
                assertTrue(handle >= 0, "a handle is never negative");
                assertFalse(byHandle.containsKey(handle), "two pending events share handle " + handle);
                Entry e = new Entry(at, expectedSeq++, a);
                reference.add(e);
                byHandle.put(handle, e);
                pendingHandles.add(handle);
            } else if (op < 8) {
                Entry expected = reference.poll();
                assertEquals(expected.time(), q.peekTime());
                assertSame(expected.action(), q.poll());
                assertEquals(expected.time(), q.polledTime());
                assertEquals(expected.seq(), q.polledSeq());
                long handle = q.polledHandle();
                assertSame(expected, byHandle.remove(handle), "the polled handle is the one schedule returned");
                pendingHandles.remove(handle);
                staleHandles.add(handle);
                now = expected.time();
            } else if (op < 9) {
                long handle = pendingHandles.remove(random.nextInt(pendingHandles.size()));
                assertTrue(q.remove(handle));
                assertTrue(reference.remove(byHandle.remove(handle)));
                staleHandles.add(handle);
                removed++;
            } else if (!staleHandles.isEmpty()) {
                long handle = staleHandles.get(random.nextInt(staleHandles.size()));
                if (!byHandle.containsKey(handle)) { // unless a pending event got the same handle since
                    assertFalse(q.remove(handle), "a fired or removed event's handle removed something");
                }
            }
            assertEquals(reference.size(), q.size());
        }
        assertTrue(removed > 10_000, "the model should remove many events, removed " + removed);
        while (!reference.isEmpty()) {
            Entry expected = reference.poll();
            assertSame(expected.action(), q.poll());
            assertEquals(expected.seq(), q.polledSeq());
        }
        assertTrue(q.isEmpty());
    }

    /**
     * Above {@link EventQueue#BRANCH_FREE_MAX} pending events a sift picks children with a branch, at or below it
     * without one: a hold model above the limit, with removals, then a drain through it, both against the reference.
     */
    @Test
    void matchesAReferencePriorityQueueOnBothSidesOfTheBranchFreeLimit() {
        SplittableRandom random = new SplittableRandom(7);
        EventQueue<EventAction> q = new EventQueue<>(16);
        PriorityQueue<Entry> reference = new PriorityQueue<>(
                (a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
        Map<Long, Entry> byHandle = new HashMap<>();
        int size = EventQueue.BRANCH_FREE_MAX + 3_000;
        int holds = 40_000;
        long[] handles = new long[size + holds]; // every handle given out and not picked for removal yet
        int handleCount = 0;
        long seq = 0;
        long now = 0;
        for (int i = 0; i < size + holds; i++) {
            if (i < size || random.nextBoolean()) {
                EventAction a = h -> {};
                long at = now + random.nextInt(1_000); // many ties, broken by the sequence
                long handle = q.schedule(at, a);
                Entry e = new Entry(at, seq++, a);
                reference.add(e);
                byHandle.put(handle, e);
                handles[handleCount++] = handle;
            } else if (random.nextInt(4) == 0) {
                int pick = random.nextInt(handleCount);
                long handle = handles[pick];
                handles[pick] = handles[--handleCount];
                Entry e = byHandle.remove(handle);
                if (e == null) {
                    assertFalse(q.remove(handle), "a fired event's handle removed something");
                } else {
                    assertTrue(q.remove(handle));
                    assertTrue(reference.remove(e));
                }
            } else {
                Entry expected = reference.poll();
                assertSame(expected.action(), q.poll());
                assertEquals(expected.seq(), q.polledSeq());
                assertSame(expected, byHandle.remove(q.polledHandle()));
                now = expected.time();
            }
        }
        assertTrue(q.size() > EventQueue.BRANCH_FREE_MAX, "the model must stay above the limit, at " + q.size());
        while (!reference.isEmpty()) {
            Entry expected = reference.poll();
            assertSame(expected.action(), q.poll());
            assertEquals(expected.seq(), q.polledSeq());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void removingAnEventKeepsItFromFiringAndLeavesTheOthersInOrder() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        EventAction early = seq -> {};
        EventAction late = seq -> {};
        EventAction alsoLate = seq -> {};
        q.schedule(10, late);
        long middle = q.schedule(5, seq -> {});
        q.schedule(1, early);
        q.schedule(10, alsoLate);
        assertTrue(q.remove(middle));
        assertEquals(3, q.size());
        assertSame(early, q.poll());
        assertEquals(2, q.polledSeq());
        assertSame(late, q.poll());
        assertEquals(0, q.polledSeq());
        assertSame(alsoLate, q.poll());
        assertEquals(3, q.polledSeq());
        assertTrue(q.isEmpty());
    }

    @Test
    void removingAFiredOrRemovedEventChangesNothing() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        long fired = q.schedule(1, seq -> {});
        long cancelled = q.schedule(2, seq -> {});
        EventAction pending = seq -> {};
        long kept = q.schedule(3, pending);
        q.poll();
        assertTrue(q.remove(cancelled));
        assertFalse(q.remove(fired));
        assertFalse(q.remove(cancelled));
        assertFalse(q.remove(-1));
        assertFalse(q.remove(Long.MAX_VALUE));
        assertFalse(q.remove(kept + 1_000));
        assertEquals(1, q.size());
        assertSame(pending, q.poll());
        assertEquals(kept, q.polledHandle());
    }

    @Test
    void aRemovedEventFreesItsSlotAtOnceAndItsHandleDoesNotRemoveTheEventInThatSlotNow() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        q.schedule(100, seq -> {});
        long first = q.schedule(50, seq -> {});
        assertTrue(q.remove(first));
        long second = q.schedule(50, seq -> {});
        assertEquals((int) first, (int) second, "the freed slot is the next one used");
        assertFalse(q.remove(first), "the stale handle must not remove the event now in its slot");
        assertEquals(2, q.size());
        assertTrue(q.remove(second));
        for (int i = 0; i < 1_000_000; i++) {
            assertTrue(q.remove(q.schedule(1_000 + i, seq -> {})));
        }
        assertEquals(1, q.size());
    }

    @Test
    void clearingMakesEveryHandleStale() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            handles.add(q.schedule(i, seq -> {}));
        }
        q.clear();
        for (int i = 0; i < 10; i++) {
            q.schedule(i, seq -> {});
        }
        for (long h : handles) {
            assertFalse(q.remove(h));
        }
        assertEquals(10, q.size());
    }

    @Test
    void anEmptyQueueSaysSo() {
        EventQueue<EventAction> q = new EventQueue<>();
        assertThrows(NoSuchElementException.class, q::poll);
        assertThrows(NoSuchElementException.class, q::peekTime);
        q.schedule(1, seq -> {});
        q.clear();
        assertTrue(q.isEmpty());
    }
}
