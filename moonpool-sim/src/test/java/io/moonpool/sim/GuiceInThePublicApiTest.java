package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported package names a Guice type in one signature only, {@code SimulationBuilder.module(Module)}: the
 * reason {@code module-info} keeps {@code requires transitive com.google.guice}. A second one would need the
 * same justification in that method's Javadoc, so this test makes it visible.
 */
class GuiceInThePublicApiTest {

    @Test
    void onlyTheModuleMethodOfTheBuilderNamesAGuiceType()
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(SimulationBuilder.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(classes.resolve("io/moonpool/sim"))) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .filter(n -> !n.equals("package-info.class"))
                    .sorted()
                    .toList();
        }
        assertFalse(names.isEmpty(), "no classes found in " + classes);
        List<String> guiceSignatures = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName("io.moonpool.sim." + name.substring(0, name.length() - ".class".length()));
            if (!visible(type)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && m.toGenericString().contains("com.google.inject")) {
                    guiceSignatures.add(type.getSimpleName() + "." + m.getName());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && c.toGenericString().contains("com.google.inject")) {
                    guiceSignatures.add(type.getSimpleName() + ".<init>");
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && f.toGenericString().contains("com.google.inject")) {
                    guiceSignatures.add(type.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertEquals(List.of("SimulationBuilder.module"), guiceSignatures);
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
