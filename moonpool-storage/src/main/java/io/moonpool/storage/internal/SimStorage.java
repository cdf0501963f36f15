package io.moonpool.storage.internal;

import io.moonpool.api.Storage;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.storage.StorageConfig;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** One iteration's disks, one per IP, made on first use. */
final class SimStorage implements ResourceInstance {

    private final KernelServices kernel;
    private final StorageConfig config;
    private final Map<InetAddress, Disk> disks = new HashMap<>();
    private final Map<InetAddress, NodeStorage> views = new HashMap<>();
    private final BuggifySites buggify;

    SimStorage(KernelServices kernel, StorageConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.buggify = new BuggifySites(kernel);
    }

    @Override
    public <T> Optional<T> provide(Class<T> type, InetAddress ip) {
        if (type != Storage.class) {
            return Optional.empty();
        }
        return Optional.of(type.cast(views.computeIfAbsent(ip, k -> new NodeStorage(disk(k)))));
    }

    @Override
    public void onLifecycle(LifecycleEvent event) {
        Disk disk = disks.get(event.ip());
        if (!event.processGone() || disk == null) {
            return;
        }
        // the disk is emptied at the kill itself, so that nothing reads it between the kill and the Wiped event
        boolean wipe = event instanceof LifecycleEvent.Killed killed && killed.kind() == RebootKind.CRASH_AND_WIPE;
        disk.processGone(wipe, event.graceful());
    }

    @Override
    public Optional<String> activity() {
        int busy = 0;
        for (Disk d : disks.values()) { // a count: the order of the map does not matter
            if (d.busy()) {
                busy++;
            }
        }
        return busy == 0 ? Optional.empty() : Optional.of("storage: " + busy + " disk(s) with I/O under way");
    }

    private Disk disk(InetAddress ip) {
        return disks.computeIfAbsent(ip, k -> {
            // each disk's knobs and crash outcomes come from the seed and its IP alone, not from the order
            // in which disks are first used
            RandomGenerator own = kernel.configRandom(k);
            StorageConfig mine = config.forIp(k);
            // the top-level configuration's mode applies to every disk, overridden ones too
            ChaosMode chaos = config.chaos();
            return new Disk(k, kernel, chaos == ChaosMode.OFF ? mine : ChaosDraw.draw(mine, chaos, own), own, buggify);
        });
    }
}
