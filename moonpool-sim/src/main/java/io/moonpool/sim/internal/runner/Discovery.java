package io.moonpool.sim.internal.runner;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.api.spi.ResourcePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader}, on the module path ({@code provides}) and the class path
 * ({@code META-INF/services}); sorts them by id, rejects duplicates, and logs the result once.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    private static volatile boolean logged;

    private Discovery() {}

    /**
     * The resource plugins present, sorted by id.
     *
     * @return the plugins
     * @throws ConfigurationException if two plugins share an id
     */
    public static List<ResourcePlugin> resources() {
        List<ResourcePlugin> known = resources;
        if (known == null) {
            known = loadResources();
            resources = known;
        }
        return known;
    }

    // the module and class path do not change while the JVM runs: scan once
    private static volatile List<ResourcePlugin> resources;

    private static List<ResourcePlugin> loadResources() {
        TreeMap<String, ResourcePlugin> byId = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (ResourcePlugin p : ServiceLoader.load(ResourcePlugin.class, Discovery.class.getClassLoader())) {
            ResourcePlugin previous = byId.putIfAbsent(p.id(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                problems.add("two resource plugins have the id '" + p.id() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one of the modules that provide them");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return List.copyOf(byId.values());
    }

    /**
     * The fault injectors present, by name, none of them instantiated or even initialised: each name is read
     * from the class's {@link InjectorName}. Module-path providers come from the boot layer's {@code provides}
     * clauses (only {@link ServiceLoader.Provider#type()} is read, so JPMS's instantiation rules never apply);
     * class-path providers from {@code META-INF/services} files, read directly.
     *
     * @return the injector classes by name, in name order
     * @throws ConfigurationException listing every problem at once: a services file names a class that cannot
     *                                be loaded or is no {@code FaultInjector}, a class has no name, or two
     *                                classes have the same name
     */
    public static SortedMap<String, Class<? extends FaultInjector>> faultInjectors() {
        return faultInjectors(Discovery.class.getClassLoader());
    }

    /** {@link #faultInjectors()}, with the class-path services files of the given loader. */
    static SortedMap<String, Class<? extends FaultInjector>> faultInjectors(ClassLoader loader) {
        TreeMap<String, Class<? extends FaultInjector>> byClassName = new TreeMap<>();
        ServiceLoader.load(ModuleLayer.boot(), FaultInjector.class).stream()
                .forEach(p -> byClassName.putIfAbsent(p.type().getName(), p.type()));
        List<String> problems = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + FaultInjector.class.getName());
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                for (String name : providerNames(file)) {
                    try {
                        // not initialised: discovery runs none of a plugin's code
                        Class<?> type = Class.forName(name, false, loader);
                        if (!FaultInjector.class.isAssignableFrom(type)) {
                            problems.add(file + " lists " + name + ", which does not implement FaultInjector");
                        } else {
                            byClassName.putIfAbsent(name, type.asSubclass(FaultInjector.class));
                        }
                    } catch (ClassNotFoundException | LinkageError e) {
                        problems.add(file + " lists " + name + ", which cannot be loaded: " + e);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot read META-INF/services files for FaultInjector: " + e);
        }
        TreeMap<String, Class<? extends FaultInjector>> byName = new TreeMap<>();
        // in class-name order, so that a duplicate is reported the same way in every run
        for (Class<? extends FaultInjector> type : byClassName.values()) {
            String name = nameOf(type);
            if (name == null) {
                problems.add("the fault injector " + type.getName() + " has no name: annotate it with" + " @"
                        + InjectorName.class.getName() + "(\"its_name\"), the name users enable it by");
                continue;
            }
            if (name.isBlank() || !name.equals(name.strip())) {
                problems.add("the fault injector " + type.getName() + " is named '" + name + "': give"
                        + " @InjectorName a name without leading or trailing blanks, e.g. \"its_name\"");
                continue;
            }
            Class<? extends FaultInjector> previous = byName.putIfAbsent(name, type);
            if (previous != null) {
                problems.add("two fault injectors are named '" + name + "': " + previous.getName() + " and "
                        + type.getName() + "; remove one of the modules that provide them");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return Collections.unmodifiableSortedMap(byName);
    }

    /**
     * The name a fault injector class declares.
     *
     * @param type the class
     * @return the value of its {@link InjectorName}, or null if it has none
     */
    static String nameOf(Class<? extends FaultInjector> type) {
        InjectorName name = type.getAnnotation(InjectorName.class);
        return name == null ? null : name.value();
    }

    /** The class names in a services file: one per line, {@code #} starts a comment. */
    private static List<String> providerNames(URL file) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = file.openStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Logs what was found, once per JVM.
     *
     * @param resources       the resource plugin ids
     * @param injectorsByName the fault injector names and classes
     */
    public static void logOnce(List<String> resources, SortedMap<String, String> injectorsByName) {
        if (!logged) {
            logged = true;
            LOG.info("moonpool plugins: resources {}, fault injectors {}", resources, injectorsByName);
        }
    }
}
