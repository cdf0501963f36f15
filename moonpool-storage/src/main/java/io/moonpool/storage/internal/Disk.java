package io.moonpool.storage.internal;

import io.moonpool.api.spi.KernelServices;
import io.moonpool.storage.StorageConfig;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One IP's disk: a namespace of files as it is now and as it is durably, the channels open on it, and the
 * timing of its operations (one at a time, latency, IOPS and bandwidth, stalls and throttles).
 */
final class Disk {

    /** The kinds of operation, for latency. */
    enum Kind {
        READ,
        WRITE,
        SYNC
    }

    final KernelServices kernel;
    // a digest of written bytes, reset for every write: the trace hash covers what was written, not only when
    private final java.util.zip.CRC32C digest = new java.util.zip.CRC32C();
    /** What this disk was configured with for the seed (chaos drawn): what a reconfiguration goes back to. */
    private final StorageConfig configured;
    /** The configuration in effect now: {@link #configured}, or a reconfiguration's while one lasts. */
    private StorageConfig config;
    /** The reconfiguration in effect, or null: an identity, so that a replaced one's end undoes nothing. */
    private Object reconfiguration;

    final BuggifySites buggify;
    /** The IP whose disk this is, for the timeline entries written from the kernel thread (a crash). */
    private final java.net.InetAddress ip;

    final TreeMap<String, Inode> live = new TreeMap<>();
    private TreeMap<String, Inode> durable = new TreeMap<>();
    final List<SimFileChannel> channels = new ArrayList<>();
    private long busyUntil;
    /** The end of the stall episode in progress, or of the last one (at or before now when none is). */
    private long stallUntil;
    /** The end of the throttle episode in progress, or of the last one (at or before now when none is). */
    private long throttleUntil;

    /** Decides what unforced data survives a crash; its own stream, so crashes never shift other draws. */
    private final java.util.random.RandomGenerator crashes;

    Disk(
            java.net.InetAddress ip,
            KernelServices kernel,
            StorageConfig config,
            java.util.random.RandomGenerator crashes,
            BuggifySites buggify) {
        this.kernel = kernel;
        this.configured = config;
        this.config = config;
        this.crashes = crashes;
        this.buggify = buggify;
        this.ip = ip;
    }

    /** Whether an operation is still being served (the disk is busy past now). */
    boolean busy() {
        return busyUntil > kernel.now();
    }

    /** Whether reads may be corrupted or misdirected at all: otherwise they copy straight into the buffer. */
    static boolean faultsCanCorruptReads(StorageConfig config) {
        return config.corruption().readProbability() > 0
                || config.misdirection().readProbability() > 0;
    }

    /**
     * Takes the simulated time one operation costs: the disk serves one operation at a time, each for its
     * latency, and no faster than its IOPS and bandwidth allow; stalls and throttles are episodes of the
     * disk, not of an operation (see {@link #startEpisodes}).
     *
     * @return the configuration in effect when the operation arrived: its fault draws after the wait use it,
     *         so that an operation under way when the disk is reconfigured finishes as it started
     */
    StorageConfig io(Kind kind, long bytes, SimFileChannel channel) throws IOException {
        StorageConfig config = this.config;
        long now = kernel.now();
        startEpisodes(now, config);
        long latency = kernel.drawNanos(
                switch (kind) {
                    case READ -> config.latency().read();
                    case WRITE -> config.latency().write();
                    case SYNC -> config.latency().sync();
                });
        if (kind == Kind.SYNC && buggify.fire(BuggifySites.FORCE_SLOW)) {
            latency += buggify.slowForce(); // the disk stays busy for it: what queues behind waits too
        }
        // an operation arriving during a stall waits for its end; stallUntil is past when there is none
        long start = Math.max(Math.max(now, busyUntil), stallUntil);
        busyUntil = finish(
                start,
                service(latency, bytes, 1, config),
                service(latency, bytes, config.throttles().factor(), config),
                throttleUntil);
        try {
            kernel.sleep(busyUntil - now);
        } catch (InterruptedException e) {
            // as a real FileChannel does: an interrupt during I/O closes the channel
            if (channel != null) {
                channel.close();
            }
            Thread.currentThread().interrupt();
            throw new ClosedByInterruptException();
        }
        return config;
    }

    /**
     * Stall and throttle episodes are windows of time on the disk. An operation arriving while no episode of
     * a kind is in progress may start one, [now, now + its drawn duration); one arriving during it draws
     * nothing for that kind. Every operation arriving during a stall waits until its end (so concurrent
     * operations share one stall instead of adding theirs up), and every operation arriving during a throttle
     * is served slowed for the part of its service that falls in the window. An operation's completion is
     * fixed when it arrives, so operations already queued when an episode starts keep theirs.
     */
    private void startEpisodes(long now, StorageConfig config) {
        if (now >= stallUntil && kernel.strikes(config.stalls().probability())) {
            stallUntil = now + kernel.drawNanos(config.stalls().duration());
            kernel.fault(TimelineEntries.STALL, ip.getHostAddress(), stallUntil - now);
        }
        if (now >= throttleUntil && kernel.strikes(config.throttles().probability())) {
            throttleUntil = now + kernel.drawNanos(config.throttles().duration());
            kernel.fault(TimelineEntries.THROTTLE, ip.getHostAddress(), throttleUntil - now);
        }
    }

    /**
     * The service time of an operation with IOPS and bandwidth divided by {@code slow} (and the latency
     * multiplied by it when both are unlimited), as {@code StorageConfig.Throttles.factor} says.
     */
    private long service(long latency, long bytes, int slow, StorageConfig config) {
        long service;
        if (config.throughput().bandwidth() > 0) {
            service = Math.max(
                    latency, times(bytes * 1_000_000_000L / config.throughput().bandwidth(), slow));
        } else {
            service = times(latency, slow);
        }
        if (config.throughput().iops() > 0) {
            service =
                    Math.max(service, times(1_000_000_000L / config.throughput().iops(), slow));
        }
        return service;
    }

    /**
     * A product of two non-negative times or factors, saturating well below Long.MAX_VALUE (about 730 years),
     * so that adding it to the current instant cannot overflow either: a huge throttle means "for ever".
     */
    static long times(long a, long b) {
        long forever = Long.MAX_VALUE / 4;
        return b != 0 && a > forever / b ? forever : a * b;
    }

    /**
     * When an operation served from {@code start} ends: it progresses at the throttled pace (taking
     * {@code slowed} in all) until {@code throttleEnd}, and at the normal pace (taking {@code normal} in all)
     * after it; an operation starting after the window takes {@code normal}.
     *
     * @param start       when the disk starts serving it
     * @param normal      its service time unthrottled
     * @param slowed      its service time throttled, at least {@code normal}
     * @param throttleEnd the end of the current throttle window (at or before {@code start} when there is none)
     * @return when it completes
     */
    static long finish(long start, long normal, long slowed, long throttleEnd) {
        if (start >= throttleEnd || slowed <= normal) {
            return start + normal;
        }
        long window = throttleEnd - start;
        if (slowed <= window) {
            return start + slowed;
        }
        // the share window / slowed of the work is done by the window's end; the rest goes at the normal pace
        long rest = normal - (long) ((double) window * normal / slowed);
        return throttleEnd + Math.max(0, rest);
    }

    /**
     * Puts a reconfiguration in effect from now, replacing any other: operations arriving from now on are
     * timed and faulted as {@code next} says; one under way keeps the configuration it arrived with. Episodes
     * of stall or throttle in progress keep their end; the crash stream and buggify are untouched.
     *
     * @return the reconfiguration's identity, for {@link #endReconfiguration}
     */
    Object reconfigure(StorageConfig next) {
        Object token = new Object();
        reconfiguration = token;
        config = next;
        return token;
    }

    /**
     * Goes back to the configured behaviour if {@code token} (or, when null, any reconfiguration) is still in
     * effect, writing {@code reconfiguration ended}.
     *
     * @return whether one ended
     */
    boolean endReconfiguration(Object token) {
        if (reconfiguration == null || (token != null && token != reconfiguration)) {
            return false;
        }
        reconfiguration = null;
        config = configured;
        kernel.timeline(TimelineEntries.RECONFIGURATION_ENDED, ip.getHostAddress() + " storage", 0);
        return true;
    }

    /**
     * Refuses a new file whose path a real file system could not hold beside the others: {@code "a/b"} is the
     * file {@code b} in a directory {@code a}, so {@code "a"} cannot be a file too, as the runtime's real
     * directory cannot (the provider contracts pin it on both sides).
     *
     * @param path a normalised path that names no file yet
     * @throws FileSystemException if a file is named as one of the path's directories, or the path is a
     *                             directory of another file
     */
    void checkNoDirectoryClash(String path) throws FileSystemException {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (live.containsKey(path.substring(0, slash))) {
                throw new FileSystemException(path, null, DIRECTORY_CLASH);
            }
        }
        String under = live.ceilingKey(path + "/");
        if (under != null && under.startsWith(path + "/")) {
            throw new FileSystemException(path, null, DIRECTORY_CLASH);
        }
    }

    /** Why a path cannot hold a file, in both implementations' words. */
    static final String DIRECTORY_CLASH = "a file of this storage has the name of one of its directories ('a/b' is"
            + " the file b in a directory a, as on a real file system, so 'a' cannot also be a file)";

    Inode lookup(String path) throws NoSuchFileException {
        Inode inode = live.get(path);
        if (inode == null) {
            throw new NoSuchFileException(path);
        }
        return inode;
    }

    /** Makes this file's data and its current name durable. */
    void force(Inode inode) {
        inode.force();
        durable.values().removeIf(i -> i == inode);
        for (Map.Entry<String, Inode> e : live.entrySet()) {
            if (e.getValue() == inode) {
                durable.put(e.getKey(), inode);
            }
        }
    }

    /** Makes the whole namespace durable, as a directory sync does. */
    void syncNamespace() {
        durable = new TreeMap<>(live);
    }

    /**
     * The process on this disk's IP went away: wipe, clean stop, or crash (lose or tear unforced data).
     *
     * @param wipe     whether the disk is emptied (a crash-and-wipe)
     * @param graceful whether the process ended cleanly (see {@code LifecycleEvent.graceful()})
     */
    void processGone(boolean wipe, boolean graceful) {
        for (SimFileChannel c : List.copyOf(channels)) {
            c.processGone();
        }
        channels.clear();
        if (wipe) {
            wipe();
            return;
        }
        if (graceful) {
            for (Inode i : live.values()) {
                i.flushAll();
            }
            syncNamespace();
            return;
        }
        // a crash: the durable namespace, each file with its durable data plus what the seed lets survive
        for (String path : live.keySet()) {
            if (!durable.containsKey(path)) {
                kernel.timeline(TimelineEntries.CRASH_LOST_FILE, new FileOnDisk(ip, path), 0);
            }
        }
        live.clear();
        for (Map.Entry<String, Inode> e : durable.entrySet()) {
            Inode inode = e.getValue();
            if (!live.containsValue(inode)) {
                record(e.getKey(), inode.crash(crashes));
            }
            live.put(e.getKey(), inode);
        }
    }

    /** Empties the disk, durable state too. */
    void wipe() {
        if (!live.isEmpty()) {
            kernel.timeline(TimelineEntries.WIPED, ip.getHostAddress(), live.size());
        }
        live.clear();
        durable.clear();
    }

    /**
     * One process of a shared disk went away while its machine stays up: its channels close, and nothing else
     * changes (what it wrote unforced stays in the machine's page cache).
     *
     * @param owner the process
     */
    void closeChannelsOf(java.net.InetAddress owner) {
        for (SimFileChannel c : List.copyOf(channels)) {
            if (owner.equals(c.owner)) {
                c.processGone();
                channels.remove(c);
            }
        }
    }

    /** Writes a file's crash outcome into the timeline. */
    private void record(String path, Inode.Crash crash) {
        if (crash == null) {
            return; // nothing was unforced: nothing to lose
        }
        FileOnDisk file = new FileOnDisk(ip, path);
        switch (crash.outcome()) {
            case KEPT -> kernel.timeline(TimelineEntries.CRASH_KEPT, file, crash.unforced());
            case LOST -> kernel.fault(TimelineEntries.CRASH_LOST, file, crash.unforced());
            case TORN -> kernel.fault(TimelineEntries.CRASH_TORN, file, crash.unforced() - crash.kept());
        }
    }

    /** Folds the CRC32C of bytes written into the trace hash. */
    void traceWrite(byte[] bytes, int len) {
        digest.reset();
        digest.update(bytes, 0, len);
        kernel.trace(DATA_SALT ^ digest.getValue());
    }

    private static final long DATA_SALT = 0xD15C_0000_0000L;
}
