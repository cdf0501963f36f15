package io.moonpool.sim.internal.runner;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    static Resources start(
            List<ResourcePlugin> plugins,
            Function<ResourcePlugin, KernelServices> services,
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
     * The first provider of a type for one node, in plugin id order.
     *
     * @return the provider, or empty when no plugin provides the type
     * @throws PluginFailure when a plugin throws or answers null (the seed has failed already)
     */
    <T> Optional<T> provide(Class<T> type, InetAddress ip) {
        return first(
                type,
                "provide " + type.getSimpleName(),
                " for " + ip.getHostAddress(),
                instance -> instance.provide(type, ip));
    }

    /**
     * The first cluster-wide capability of a type, in plugin id order: one that belongs to no node, such as
     * {@link io.moonpool.api.spi.NetworkControl}.
     *
     * @return the capability, or empty when no plugin offers the type
     * @throws PluginFailure when a plugin throws or answers null (the seed has failed already)
     */
    <T> Optional<T> capability(Class<T> type) {
        return first(type, "capability " + type.getSimpleName(), "", instance -> instance.capability(type));
    }

    /** The one lookup behind {@link #provide} and {@link #capability}: the first plugin that answers wins. */
    private <T> Optional<T> first(
            Class<T> type, String call, String forWhom, Function<ResourceInstance, Optional<T>> lookup) {
        for (int i = 0; i < instances.size(); i++) {
            Optional<T> answer;
            try {
                answer = lookup.apply(instances.get(i));
                if (answer == null) {
                    throw new NullPointerException(call + " returned null instead of Optional.empty()");
                }
            } catch (RuntimeException | Error e) {
                String source = source(ids.get(i), call);
                onFailure.accept(source, e);
                throw new PluginFailure(
                        source,
                        "resource plugin '" + ids.get(i) + "' failed to provide " + type.getSimpleName() + forWhom
                                + ": " + e,
                        e);
            }
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    /** Sends a lifecycle event to every plugin, in id order; one that throws does not keep it from the others. */
    void publish(LifecycleEvent event) {
        for (int i = 0; i < instances.size(); i++) {
            try {
                instances.get(i).onLifecycle(event);
            } catch (RuntimeException | Error e) {
                onFailure.accept(
                        source(
                                ids.get(i),
                                "onLifecycle " + eventName(event) + " of "
                                        + event.ip().getHostAddress()),
                        e);
            }
        }
    }

    /** The event's name as failures print it: SHUTDOWN_BEGUN, KILLED, WIPED, RESTARTED, EXITED. */
    private static String eventName(LifecycleEvent event) {
        return switch (event) {
            case LifecycleEvent.ShutdownBegun _ -> "SHUTDOWN_BEGUN";
            case LifecycleEvent.Killed _ -> "KILLED";
            case LifecycleEvent.Wiped _ -> "WIPED";
            case LifecycleEvent.Restarted _ -> "RESTARTED";
            case LifecycleEvent.Exited _ -> "EXITED";
        };
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
     * @return their activities joined, or empty when every plugin is idle (or one threw or answered null: the
     *         seed has failed)
     */
    Optional<String> activity() {
        String all = null;
        for (int i = 0; i < instances.size(); i++) {
            Optional<String> a;
            try {
                a = instances.get(i).activity();
                if (a == null) {
                    throw new NullPointerException("activity() returned null instead of Optional.empty()");
                }
            } catch (RuntimeException | Error e) {
                onFailure.accept(source(ids.get(i), "activity"), e);
                return Optional.empty();
            }
            if (a.isPresent()) {
                all = all == null ? a.get() : all + "; " + a.get();
            }
        }
        return Optional.ofNullable(all);
    }
}
