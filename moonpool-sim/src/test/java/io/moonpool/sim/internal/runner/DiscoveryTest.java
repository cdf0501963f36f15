package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injector discovery reads each name from the class's {@link InjectorName}, runs none of the plugin's
 * code, and rejects a class without a usable name, naming the class and the fix.
 */
class DiscoveryTest {

    @TempDir
    Path dir;

    @Test
    void namesAreReadWithoutInitialisingOrConstructingTheClass() throws IOException {
        SortedMap<String, Class<? extends FaultInjector>> found =
                Discovery.faultInjectors(servicesListing(NeverBuilt.class, Plain.class));
        // NeverBuilt's static initialiser and constructor both throw: reading its name ran neither
        assertEquals(Map.of("never_built", NeverBuilt.class, "plain", Plain.class), found);
        assertEquals(List.of("never_built", "plain"), List.copyOf(found.keySet()));
    }

    @Test
    void aClassWithoutANameFailsDiscoveryNamingTheClassAndTheFix() throws IOException {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Discovery.faultInjectors(servicesListing(Plain.class, Unnamed.class)));
        assertEquals(1, e.problems().size(), e::getMessage);
        assertEquals(
                "the fault injector " + Unnamed.class.getName() + " has no name: annotate it with"
                        + " @io.moonpool.api.fault.InjectorName(\"its_name\"), the name users enable it by",
                e.problems().getFirst());
    }

    @Test
    void aBlankNameFailsDiscovery() throws IOException {
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> Discovery.faultInjectors(servicesListing(Blank.class)));
        assertTrue(e.getMessage().contains(Blank.class.getName() + " is named ' '"), e::getMessage);
    }

    @Test
    void twoClassesWithOneNameFailDiscoveryNamingBoth() throws IOException {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Discovery.faultInjectors(servicesListing(Plain.class, AlsoPlain.class)));
        assertEquals(
                List.of("two fault injectors are named 'plain': " + AlsoPlain.class.getName() + " and "
                        + Plain.class.getName() + "; remove one of the modules that provide them"),
                e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Discovery.faultInjectors(servicesListing(Unnamed.class, Blank.class)));
        assertEquals(2, e.problems().size(), e::getMessage);
    }

    @Test
    void theDefaultNameIsTheAnnotationsValue() {
        assertEquals("plain", new Plain().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Unnamed().name());
        assertEquals(
                Unnamed.class.getName() + " has no name: annotate the class with @InjectorName(\"...\") or"
                        + " override FaultInjector.name()",
                e.getMessage());
    }

    /**
     * A class loader whose only {@code META-INF/services} file for {@code FaultInjector} lists the given
     * classes; the classes themselves come from the test's own loader.
     */
    private ClassLoader servicesListing(Class<?>... types) throws IOException {
        StringBuilder lines = new StringBuilder("# written by DiscoveryTest\n");
        for (Class<?> t : types) {
            lines.append(t.getName()).append('\n');
        }
        Path file = Files.writeString(dir.resolve("services"), lines);
        URL url = file.toUri().toURL();
        return new ClassLoader(DiscoveryTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return name.equals("META-INF/services/" + FaultInjector.class.getName())
                        ? Collections.enumeration(List.of(url))
                        : Collections.emptyEnumeration();
            }
        };
    }

    /** Refuses to run any of its code. */
    @InjectorName("never_built")
    public static final class NeverBuilt implements FaultInjector {

        static {
            Refusal.refuse();
        }

        /** Refuses. */
        public NeverBuilt() {
            Refusal.refuse();
        }

        @Override
        public void inject(FaultContext ctx) {}
    }

    /** Throws, so that the classes above fail if discovery initialises or builds them. */
    static final class Refusal {
        private Refusal() {}

        static void refuse() {
            throw new AssertionError("discovery ran plugin code");
        }
    }

    /** A plain named injector. */
    @InjectorName("plain")
    public static final class Plain implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {}
    }

    /** A second class with the same name as {@link Plain}. */
    @InjectorName("plain")
    public static final class AlsoPlain implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {}
    }

    /** No name. */
    public static final class Unnamed implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {}
    }

    /** A blank name. */
    @InjectorName(" ")
    public static final class Blank implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {}
    }
}
