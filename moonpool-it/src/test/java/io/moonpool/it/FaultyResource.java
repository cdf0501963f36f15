package io.moonpool.it;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A resource plugin found through META-INF/services that throws from the one call its {@link Config} names,
 * and does nothing otherwise.
 */
public final class FaultyResource implements ResourcePlugin {

    /**
     * Which call throws.
     *
     * @param call {@code start}, {@code event} (one it schedules), {@code provide}, {@code capability},
     *             {@code onLifecycle}, {@code onChaosEnd} or {@code activity}; or {@code null activity}, which
     *             answers null instead of throwing
     */
    public record Config(String call) implements ResourceConfig {
        @Override
        public String resourceId() {
            return "faulty";
        }

        @Override
        public String artifact() {
            return "moonpool-it's test classes";
        }
    }

    @Override
    public String id() {
        return "faulty";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        String call = kernel.config(Config.class).map(Config::call).orElse("");
        if (call.equals("start")) {
            throw new IllegalStateException("faulty start");
        }
        if (call.equals("event")) {
            kernel.schedule(1_000_000, () -> {
                throw new IllegalStateException("faulty event");
            });
        }
        return new ResourceInstance() {
            @Override
            public <T> Optional<T> provide(Class<T> type, InetAddress ip) {
                if (call.equals("provide")) {
                    throw new IllegalStateException("faulty provide");
                }
                return Optional.empty();
            }

            @Override
            public <T> Optional<T> capability(Class<T> type) {
                if (call.equals("capability")) {
                    throw new IllegalStateException("faulty capability");
                }
                return Optional.empty();
            }

            @Override
            public void onLifecycle(LifecycleEvent event) {
                if (call.equals("onLifecycle") && event instanceof LifecycleEvent.Killed) {
                    throw new IllegalStateException("faulty onLifecycle");
                }
            }

            @Override
            public void onChaosEnd() {
                if (call.equals("onChaosEnd")) {
                    throw new IllegalStateException("faulty onChaosEnd");
                }
            }

            @Override
            public Optional<String> activity() {
                if (call.equals("activity")) {
                    throw new IllegalStateException("faulty activity");
                }
                if (call.equals("null activity")) {
                    return null; // breaks the contract on purpose: the runner must fail the seed naming the plugin
                }
                return Optional.empty();
            }
        };
    }
}
