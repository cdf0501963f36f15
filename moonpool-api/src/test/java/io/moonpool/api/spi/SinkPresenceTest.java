package io.moonpool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkPresenceTest {

    @Test
    void aBoundSinkThatWasAnnouncedGetsEveryAssertion() {
        SinkPresence.announce();
        SinkPresence.announce(); // idempotent
        assertTrue(SinkPresence.possible());
        List<String> seen = new ArrayList<>();
        AssertionSink sink = new AssertionSink() {
            @Override
            public void check(Kind kind, boolean condition, String message) {
                seen.add(kind + " " + condition + " " + message);
            }

            @Override
            public void compare(Kind kind, double a, double b, String message) {
                seen.add(kind + " " + a + " " + b + " " + message);
            }

            @Override
            public void all(String message, Map<String, Boolean> conditions) {
                seen.add("all " + message);
            }

            @Override
            public void each(String message, String key) {
                seen.add("each " + message + " " + key);
            }
        };
        ScopedValue.where(AssertionSink.CURRENT, sink).run(() -> {
            Assertions.always(false, "a");
            Assertions.alwaysLessThan(1, 2, "b");
            Assertions.sometimesEach("c", 7);
        });
        Assertions.always(false, "unbound: nobody sees it");
        assertEquals(List.of("ALWAYS false a", "ALWAYS_LESS_THAN 1.0 2.0 b", "each c 7"), seen);
    }
}
