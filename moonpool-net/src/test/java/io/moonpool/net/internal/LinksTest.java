package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A stage's arithmetic: exact, rounded up to whole nanoseconds, saturating. */
class LinksTest {

    @Test
    void transmissionIsExactAndRoundsUp() {
        assertEquals(6_553_600, Links.transmission(65_536, 10_000_000));
        assertEquals(1, Links.transmission(1, 3_000_000_000L)); // a third of a nanosecond is one
        assertEquals(333_333_334, Links.transmission(1, 3)); // 333,333,333.3 rounds up
        assertEquals(1, Links.transmission(65_536, Long.MAX_VALUE)); // no overflow at the largest rate
        assertEquals(65_536_000_000_000L, Links.transmission(65_536, 1));
    }

    @Test
    void aStageSendsOneSegmentAfterAnother() {
        Links.Stage s = new Links.Stage();
        assertEquals(110, s.pass(10, 100, 1_000_000_000L)); // free: starts when the segment is ready
        assertEquals(210, s.pass(20, 100, 1_000_000_000L)); // busy until 110: starts then
        assertEquals(1_100, s.pass(1_000, 100, 1_000_000_000L)); // idle in between: starts when ready
    }

    @Test
    void instantsSaturateRatherThanOverflow() {
        Links.Stage s = new Links.Stage();
        assertEquals(Links.FOREVER, s.pass(Links.FOREVER - 1, 65_536, 1));
        assertEquals(Links.FOREVER, s.pass(0, 65_536, 1));
        assertEquals(Links.FOREVER, Links.saturatedAdd(Links.FOREVER, 5));
    }
}
