package io.moonpool.sim.internal.runner;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The resource plugins of one iteration, called only through here: an exception from a plugin fails the
 * seed, naming the plugin and the call, instead of being blamed on whoever happened to trigger it (the
 * injector whose reboot sent a lifecycle event, the workload that asked for its network) or passing unseen.
 */
final class Resources {

    private final List<String> ids = new ArrayList<>();
    private final List<ResourceInstance> instances = new ArrayList<>();
    private final BiConsumer<String, Throwable> onFailure;

    private Resources(BiConsumer<String, Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * Starts every plugin for one iteration; one that throws fails the seed and takes no further part.
     *
     * @param plugins   the plugins present, sorted by id
     * @param services  the kernel services of each plugin
     * @param onFailure records a failure: who failed, and what was thrown
     */
    static Resources start(List<ResourcePlugin> plugins, Function<ResourcePlugin, KernelServices> services,
                           BiConsumer<String, Throwable> onFailure) {
        Resources resources = new Resources(onFailure);
        for (ResourcePlugin plugin : plugins) {
            try {
                ResourceInstance instance = plugin.start(services.apply(plugin));
                if (instance == null) {
                    throw new NullPointerException("start(...) returned null instead of a ResourceInstance");
                }
                resources.ids.add(plugin.id());
                resources.instances.add(instance);
            } catch (RuntimeException | Error e) {
                onFailure.accept(source(plugin.id(), "start"), e);
            }
        }
        return resources;
    }

    private static String source(String id, String call) {
        return "resource plugin '" + id + "' (" + call + ")";
    }

    /**
     * The first provider of a type for a node.
     *
     * @return the provider, or null when no plugin provides the type
     * @throws PluginFailure when a plugin throws (the seed has failed already)
     */
    <T> T provide(Class<T> type, InetAddress ip) {
        for (int i = 0; i < instances.size(); i++) {
            T provider;
            try {
                provider = instances.get(i).provide(type, ip);
            } catch (RuntimeException | Error e) {
                String source = source(ids.get(i), "provide " + type.getSimpleName());
                onFailure.accept(source, e);
                throw new PluginFailure(source, "resource plugin '" + ids.get(i) + "' failed to provide "
                        + type.getSimpleName() + " for " + ip.getHostAddress() + ": " + e, e);
            }
            if (provider != null) {
                return provider;
            }
        }
        return null;
    }

    /** Sends a lifecycle event to every plugin, in id order; one that throws does not keep it from the others. */
    void publish(LifecycleEvent event) {
        for (int i = 0; i < instances.size(); i++) {
            try {
                instances.get(i).onLifecycle(event);
            } catch (RuntimeException | Error e) {
                onFailure.accept(source(ids.get(i), "onLifecycle " + event.kind() + " of " + event.ip().getHostAddress()), e);
            }
        }
    }

    /** Tells every plugin that the chaos phase is over. */
    void chaosEnded() {
        for (int i = 0; i < instances.size(); i++) {
            try {
                instances.get(i).onChaosEnd();
            } catch (RuntimeException | Error e) {
                onFailure.accept(source(ids.get(i), "onChaosEnd"), e);
            }
        }
    }

    /**
     * What the plugins still have in progress.
     *
     * @return their activities joined, or null when every plugin is idle (or one threw: the seed has failed)
     */
    String activity() {
        String all = null;
        for (int i = 0; i < instances.size(); i++) {
            String a;
            try {
                a = instances.get(i).activity();
            } catch (RuntimeException | Error e) {
                onFailure.accept(source(ids.get(i), "activity"), e);
                return null;
            }
            if (a != null) {
                all = all == null ? a : all + "; " + a;
            }
        }
        return all;
    }
}
