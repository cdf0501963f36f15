package io.moonpool.it;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A test resource plugin found through META-INF/services: it records every lifecycle event it is sent. */
public final class RecordingResource implements ResourcePlugin {

    static final List<String> EVENTS = new ArrayList<>();

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        EVENTS.clear();
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
                EVENTS.add(Duration.ofNanos(kernel.now()).toMillis() + " " + event.ip().getHostAddress() + " " + what);
            }
        };
    }
}
