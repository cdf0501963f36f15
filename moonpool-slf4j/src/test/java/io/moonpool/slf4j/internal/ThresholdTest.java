package io.moonpool.slf4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ThresholdTest {

    @Test
    void unsetIsDebug() {
        assertEquals(Threshold.of(Level.DEBUG), Threshold.parse("moonpool.log.level", null));
        assertTrue(Threshold.DEFAULT.records(Level.DEBUG));
        assertFalse(Threshold.DEFAULT.records(Level.TRACE));
    }

    @Test
    void levelNamesAreReadInAnyCase() {
        assertEquals(Threshold.of(Level.TRACE), Threshold.parse("p", "trace"));
        assertEquals(Threshold.of(Level.INFO), Threshold.parse("p", " Info "));
        assertEquals(Threshold.of(Level.ERROR), Threshold.parse("p", "ERROR"));
        assertEquals(Threshold.OFF, Threshold.parse("p", "off"));
    }

    @Test
    void offRecordsNoLevel() {
        for (Level level : Level.values()) {
            assertFalse(Threshold.OFF.records(level), level.toString());
        }
    }

    @Test
    void anUnknownLevelFailsNamingThePropertyAndTheAcceptedValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Threshold.parse("moonpool.log.level", "verbose"));

        assertEquals(
                "moonpool-slf4j: -Dmoonpool.log.level=verbose is not a level:"
                        + " use TRACE, DEBUG (the default), INFO, WARN, ERROR or OFF",
                e.getMessage());
    }
}
