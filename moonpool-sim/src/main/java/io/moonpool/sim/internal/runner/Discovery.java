package io.moonpool.sim.internal.runner;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.spi.ResourcePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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
     * The fault injector types present, not yet instantiated (they are built through Guice).
     *
     * @return the types, in class-name order
     */
    public static List<Class<? extends FaultInjector>> injectorTypes() {
        TreeMap<String, Class<? extends FaultInjector>> byName = new TreeMap<>();
        ServiceLoader.load(FaultInjector.class, Discovery.class.getClassLoader()).stream()
                .forEach(p -> byName.putIfAbsent(p.type().getName(), p.type()));
        return List.copyOf(byName.values());
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
