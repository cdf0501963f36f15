package io.moonpool.it;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test resource plugin found through META-INF/services: it records every lifecycle event it is sent in the
 * list its {@link Config} names, so that each test reads its own events.
 */
public final class RecordingResource implements ResourcePlugin {

    /**
     * Where the events go.
     *
     * @param events the test's list; one line per event, in order
     */
    public record Config(List<String> events) implements ResourceConfig {
        @Override
        public String resourceId() {
            return "recording";
        }

        @Override
        public String artifact() {
            return "moonpool-it's test classes";
        }
    }

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        Config config = kernel.config(Config.class);
        List<String> events = config == null ? new ArrayList<>() : config.events();
        return new ResourceInstance() {
            @Override
            public <T> T provide(Class<T> type, InetAddress ip) {
                return null;
            }

            @Override
            public void onLifecycle(LifecycleEvent event) {
                events.add(Duration.ofNanos(kernel.now()).toMillis() + " " + event.ip().getHostAddress() + " "
                        + event.kind() + (event.reboot() == null ? "" : " " + event.reboot()));
            }
        };
    }
}
