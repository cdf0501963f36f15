package io.moonpool.sim.internal.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventQueueTest {

    private record Entry(long time, long seq, EventAction action) {
    }

    @Test
    void eventsAtTheSameInstantComeOutInInsertionOrder() {
        EventQueue<EventAction> q = new EventQueue<>(4);
        List<EventAction> actions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            EventAction a = seq -> { };
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
        long now = 0;
        for (int i = 0; i < 50_000; i++) {
            if (reference.isEmpty() || random.nextInt(3) > 0) {
                EventAction a = seq -> { };
                long at = now + random.nextInt(100);
                long seq = q.schedule(at, a);
                reference.add(new Entry(at, seq, a));
            } else {
                Entry expected = reference.poll();
                assertEquals(expected.time(), q.peekTime());
                assertSame(expected.action(), q.poll());
                assertEquals(expected.seq(), q.polledSeq());
                now = expected.time();
            }
            assertEquals(reference.size(), q.size());
        }
    }

    @Test
    void anEmptyQueueSaysSo() {
        EventQueue<EventAction> q = new EventQueue<>();
        assertThrows(NoSuchElementException.class, q::poll);
        assertThrows(NoSuchElementException.class, q::peekTime);
        q.schedule(1, seq -> { });
        q.clear();
        assertTrue(q.isEmpty());
    }
}
