package io.moonpool.sim.internal.runner;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.spi.ResourcePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds plugins with {@link ServiceLoader}, on the module path ({@code provides}) and the class path
 * ({@code META-INF/services}); sorts them by id, rejects duplicates, and logs the result once.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    private static volatile boolean logged;

    private Discovery() {
    }

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
                problems.add("two resource plugins have the id '" + p.id() + "': " + previous.getClass().getName()
                        + " and " + p.getClass().getName() + "; remove one of the modules that provide them");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return List.copyOf(byId.values());
    }

    /**
     * The fault injector types present, not yet instantiated: they are built through Guice, so unlike
     * {@link ServiceLoader} providers they need no no-argument constructor. Module-path providers come from
     * the boot layer's {@code provides} clauses; class-path providers from {@code META-INF/services} files,
     * read directly.
     *
     * @return the types, in class-name order
     * @throws ConfigurationException if a services file names a class that cannot be loaded
     */
    public static List<Class<? extends FaultInjector>> injectorTypes() {
        TreeMap<String, Class<? extends FaultInjector>> byName = new TreeMap<>();
        ServiceLoader.load(ModuleLayer.boot(), FaultInjector.class).stream()
                .forEach(p -> byName.putIfAbsent(p.type().getName(), p.type()));
        List<String> problems = new ArrayList<>();
        ClassLoader loader = Discovery.class.getClassLoader();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + FaultInjector.class.getName());
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                for (String name : providerNames(file)) {
                    try {
                        Class<?> type = Class.forName(name, false, loader);
                        if (!FaultInjector.class.isAssignableFrom(type)) {
                            problems.add(file + " lists " + name + ", which does not implement FaultInjector");
                        } else {
                            byName.putIfAbsent(name, type.asSubclass(FaultInjector.class));
                        }
                    } catch (ClassNotFoundException | LinkageError e) {
                        problems.add(file + " lists " + name + ", which cannot be loaded: " + e);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot read META-INF/services files for FaultInjector: " + e);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return List.copyOf(byName.values());
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
    public static void logOnce(List<String> resources, TreeMap<String, String> injectorsByName) {
        if (!logged) {
            logged = true;
            LOG.info("moonpool plugins: resources {}, fault injectors {}", resources, injectorsByName);
        }
    }
}
