package io.moonpool.it;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
            public <T> T provide(Class<T> type, InetAddress ip) {
                return null;
            }

            @Override
            public void onLifecycle(LifecycleEvent event) {
                EVENTS.add(Duration.ofNanos(kernel.now()).toMillis() + " " + event.ip().getHostAddress() + " "
                        + event.kind() + (event.reboot() == null ? "" : " " + event.reboot()));
            }
        };
    }
}
