package io.moonpool.storage.internal;

import io.moonpool.api.Storage;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.storage.StorageConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /** The disks reconfigured at some point, in the order of their first reconfiguration; null until one is. */
    private List<Disk> reconfigured;

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

    // --- reconfiguration (issue 14) ---

    /** Longer than this, a reconfiguration has no end of its own: the chaos phase ends it (about 730 years). */
    private static final long FOREVER = Long.MAX_VALUE / 4;

    /**
     * Makes one disk behave as {@code given} says until {@code duration} passes or chaos ends: its latencies,
     * IOPS and bandwidth, fault probabilities, stalls and throttles, for operations arriving from now on. The
     * configuration is used as given, never drawn (its chaos mode must be OFF), for this disk alone (it may
     * have no per-IP overrides).
     */
    @Override
    public void reconfigure(InetAddress ip, ResourceConfig given, Duration duration) {
        if (!(given instanceof StorageConfig next)) {
            throw new IllegalArgumentException("reconfigure(ip, config, duration): the storage takes a StorageConfig,"
                    + " was a " + given.getClass().getName());
        }
        if (next.chaos() != ChaosMode.OFF) {
            throw new IllegalArgumentException("reconfigure(ip, config, duration): a disk's reconfiguration is used as"
                    + " given, never drawn per seed, but its chaos mode is " + next.chaos() + ": build the"
                    + " StorageConfig with chaos(ChaosMode.OFF), the default, and the values the disk should have");
        }
        if (!next.overrides().isEmpty()) {
            throw new IllegalArgumentException(
                    "reconfigure(ip, config, duration): a reconfiguration is for the one disk"
                            + " it names, but the StorageConfig has forIp overrides for "
                            + next.overrides().size()
                            + " IP(s): drop them, and call reconfigure once per disk");
        }
        Disk disk = disk(ip);
        if (reconfigured == null) {
            reconfigured = new ArrayList<>();
        }
        if (!reconfigured.contains(disk)) {
            reconfigured.add(disk);
        }
        Object token = disk.reconfigure(next);
        long nanos = nanos(duration);
        if (nanos < FOREVER) {
            kernel.schedule(nanos, () -> disk.endReconfiguration(token));
        }
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Every disk goes back to what it was configured with, in the order the disks were first reconfigured. */
    @Override
    public void onChaosEnd() {
        if (reconfigured == null) {
            return;
        }
        for (Disk d : reconfigured) {
            d.endReconfiguration(null);
        }
    }
}
