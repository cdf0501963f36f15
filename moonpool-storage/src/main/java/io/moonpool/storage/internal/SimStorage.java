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

/**
 * One iteration's disks, one per IP, made on first use; with {@code sharedDisk}, one per machine for the
 * processes (from {@link KernelServices#locality}), and one per IP for nodes with no locality.
 */
final class SimStorage implements ResourceInstance {

    private final KernelServices kernel;
    private final StorageConfig config;
    private final Map<InetAddress, Disk> disks = new HashMap<>();
    // the shared disks by machine id, and the processes' state: only looked up, never iterated but to count
    private final Map<String, Disk> machineDisks = new HashMap<>();
    /** When each process of a shared disk went down; removed when it restarts. */
    private final Map<InetAddress, Long> downAt = new HashMap<>();

    private final java.util.Set<InetAddress> exited = new java.util.HashSet<>();
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
        return Optional.of(type.cast(views.computeIfAbsent(ip, k -> new NodeStorage(disk(k), k))));
    }

    @Override
    public void onLifecycle(LifecycleEvent event) {
        if (config.sharedDisk()) {
            Optional<io.moonpool.api.Locality> where = kernel.locality(event.ip());
            if (where.isPresent()) {
                onSharedDisk(event, where.get().machine());
                return;
            }
        }
        Disk disk = disks.get(event.ip());
        if (!event.processGone() || disk == null) {
            return;
        }
        // the disk is emptied at the kill itself, so that nothing reads it between the kill and the Wiped event
        boolean wipe = event instanceof LifecycleEvent.Killed killed && killed.kind() == RebootKind.CRASH_AND_WIPE;
        disk.processGone(wipe, event.graceful());
    }

    /**
     * A process of a shared disk started or went away. The disk crashes (or, for a graceful end, becomes durable)
     * only when the whole machine is down: every process of it down, all at this instant for a crash; otherwise
     * only the process's channels close. A wipe of any process of the machine wipes the disk.
     */
    private void onSharedDisk(LifecycleEvent event, String machine) {
        InetAddress ip = event.ip();
        if (event instanceof LifecycleEvent.Restarted) {
            downAt.remove(ip);
            return;
        }
        if (!event.processGone()) {
            return;
        }
        if (event instanceof LifecycleEvent.Exited) {
            exited.add(ip);
        } else {
            downAt.put(ip, kernel.now());
        }
        Disk disk = machineDisks.get(machine);
        if (disk == null) {
            return;
        }
        boolean wipe = event instanceof LifecycleEvent.Killed killed && killed.kind() == RebootKind.CRASH_AND_WIPE;
        if (machineDown(machine, event.graceful())) {
            disk.processGone(wipe, event.graceful());
        } else {
            disk.closeChannelsOf(ip);
            if (wipe) {
                disk.wipe();
            }
        }
    }

    /** Whether every process of the machine is down (exited, or killed: at this very instant for a crash). */
    private boolean machineDown(String machine, boolean graceful) {
        long now = kernel.now();
        for (InetAddress p : kernel.ipsIn(io.moonpool.api.FailureDomain.MACHINE, machine)) {
            if (exited.contains(p)) {
                continue;
            }
            Long at = downAt.get(p);
            if (at == null || (!graceful && at != now)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<String> activity() {
        int busy = 0;
        for (Disk d : disks.values()) { // a count: the order of the map does not matter
            if (d.busy()) {
                busy++;
            }
        }
        for (Disk d : machineDisks.values()) {
            if (d.busy()) {
                busy++;
            }
        }
        return busy == 0 ? Optional.empty() : Optional.of("storage: " + busy + " disk(s) with I/O under way");
    }

    private Disk disk(InetAddress ip) {
        if (config.sharedDisk()) {
            Optional<io.moonpool.api.Locality> where = kernel.locality(ip);
            if (where.isPresent()) {
                return machineDisks.computeIfAbsent(where.get().machine(), machine -> {
                    // the knobs and crash outcomes of a machine's disk come from the seed and the machine's id
                    // alone (String.hashCode is fixed by the JLS), not from which of its processes came first
                    RandomGenerator own = kernel.configRandom(machineAddress(machine));
                    ChaosMode chaos = config.chaos();
                    return new Disk(
                            ip,
                            kernel,
                            chaos == ChaosMode.OFF ? config : ChaosDraw.draw(config, chaos, own),
                            own,
                            buggify);
                });
            }
        }
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

    /** An address standing for a machine, only to seed its disk's configuration stream. */
    private static InetAddress machineAddress(String machine) {
        int h = machine.hashCode();
        try {
            // 240.0.0.0/4 is reserved: never a node's address, so never another disk's stream
            return InetAddress.getByAddress(
                    new byte[] {(byte) (0xF0 | (h >>> 28)), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
