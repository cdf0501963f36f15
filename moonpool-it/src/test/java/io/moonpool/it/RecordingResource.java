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
import java.util.Optional;

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
        List<String> events = kernel.config(Config.class).map(Config::events).orElseGet(ArrayList::new);
        return new ResourceInstance() {
            @Override
            public <T> Optional<T> provide(Class<T> type, InetAddress ip) {
                return Optional.empty();
            }

            @Override
            public void onLifecycle(LifecycleEvent event) {
                String what = switch (event) {
                    case LifecycleEvent.ShutdownBegun _ -> "SHUTDOWN_BEGUN";
                    case LifecycleEvent.Killed killed -> "KILLED " + killed.kind();
                    case LifecycleEvent.Wiped _ -> "WIPED";
                    case LifecycleEvent.Restarted _ -> "RESTARTED";
                    case LifecycleEvent.Exited _ -> "EXITED";
                };
                events.add(Duration.ofNanos(kernel.now()).toMillis() + " "
                        + event.ip().getHostAddress() + " " + what);
            }
        };
    }
}
