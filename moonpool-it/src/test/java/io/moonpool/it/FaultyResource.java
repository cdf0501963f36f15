package io.moonpool.it;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;

import java.net.InetAddress;

/**
 * A resource plugin found through META-INF/services that throws from the one call its {@link Config} names,
 * and does nothing otherwise.
 */
public final class FaultyResource implements ResourcePlugin {

    /**
     * Which call throws.
     *
     * @param call {@code start}, {@code event} (one it schedules), {@code provide}, {@code onLifecycle},
     *             {@code onChaosEnd} or {@code activity}
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
        Config config = kernel.config(Config.class);
        String call = config == null ? "" : config.call();
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
            public <T> T provide(Class<T> type, InetAddress ip) {
                if (call.equals("provide")) {
                    throw new IllegalStateException("faulty provide");
                }
                return null;
            }

            @Override
            public void onLifecycle(LifecycleEvent event) {
                if (call.equals("onLifecycle") && event.kind() == LifecycleEvent.Kind.KILLED) {
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
            public String activity() {
                if (call.equals("activity")) {
                    throw new IllegalStateException("faulty activity");
                }
                return null;
            }
        };
    }
}
