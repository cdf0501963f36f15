package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import java.net.InetAddress;
import java.time.Duration;
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
    /** Each instance's kernel services, at the same index: what the runner records through on its behalf. */
    private final List<KernelServices> services = new ArrayList<>();

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
                KernelServices kernel = services.apply(plugin);
                ResourceInstance instance = plugin.start(kernel);
                if (instance == null) {
                    throw new NullPointerException("start(...) returned null instead of a ResourceInstance");
                }
                resources.ids.add(plugin.id());
                resources.instances.add(instance);
                resources.services.add(kernel);
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

    // --- reconfiguration (issue 14) ---

    /** The fault kind, and timeline entry, of a reconfiguration made. */
    static final String RECONFIGURED = "reconfigured";

    /**
     * Hands a reconfiguration to the plugin whose id is {@code config.resourceId()} and, once it took it,
     * records it as a fault of that plugin ({@link #RECONFIGURED}, subject {@code "<ip> <resource id>"}, value
     * the duration in nanoseconds). After the chaos phase it does nothing, as a partition asked for then.
     *
     * @throws MoonpoolException if no plugin has that id (naming {@code config.artifact()})
     * @throws UnsupportedOperationException if the plugin cannot reconfigure, naming it
     * @throws IllegalArgumentException if the plugin refuses {@code config}: the caller's mistake, passed on
     * @throws PluginFailure if the plugin fails otherwise (the seed has failed already)
     */
    void reconfigure(InetAddress ip, ResourceConfig config, Duration duration) {
        String id = config.resourceId();
        int i = ids.indexOf(id);
        if (i < 0) {
            throw new MoonpoolException("reconfigure(ip, config, duration): no resource plugin '" + id
                    + "' is present to reconfigure " + ip.getHostAddress() + ": add the dependency "
                    + config.artifact());
        }
        KernelServices kernel = services.get(i);
        if (!kernel.chaosActive()) {
            return; // an injector still running at the instant chaos ended: the resource stays as configured
        }
        String call = "reconfigure " + ip.getHostAddress();
        try {
            instances.get(i).reconfigure(ip, config, duration);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(
                    "reconfigure(ip, config, duration): resource plugin '" + id + "' cannot reconfigure a node ("
                            + e.getMessage() + ")",
                    e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            String source = source(id, call);
            onFailure.accept(source, e);
            throw new PluginFailure(source, "resource plugin '" + id + "' failed to " + call + ": " + e, e);
        }
        kernel.fault(RECONFIGURED, ip.getHostAddress() + " " + id, nanos(duration));
    }

    /** A duration in nanoseconds, saturated: one too long lasts until the chaos phase ends anyway. */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
