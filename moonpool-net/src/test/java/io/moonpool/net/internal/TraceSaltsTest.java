package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceSaltsTest {

    @Test
    void everyFaultDecisionHasASaltOfItsOwn() throws IllegalAccessException {
        // two decisions sharing a salt would leave the same trace when they choose the same value
        Map<Long, String> seen = new HashMap<>();
        for (Field f : TraceSalts.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == long.class) {
                String other = seen.put(f.getLong(null), f.getName());
                assertNull(other, f.getName() + " has the salt of " + other);
            }
        }
        assertEquals(16, seen.size(), "one salt per network fault decision, and one for data: " + seen.values());
    }
}
