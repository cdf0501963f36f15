package io.moonpool.api.fault;

import io.moonpool.api.Shutdown;
import io.moonpool.api.Time;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What a {@link FaultInjector} may observe and do.
 */
public interface FaultContext {

    /**
     * The IPs of all processes, alive or not, in boot order.
     *
     * @return an unmodifiable list
     */
    List<InetAddress> processIps();

    /**
     * The IPs of the processes that carry a tag value.
     *
     * @param key   the tag key
     * @param value the tag value
     * @return an unmodifiable list in boot order
     */
    List<InetAddress> ipsTagged(String key, String value);

    /**
     * Reboots a live process: it goes down now as {@code kind} says and comes back, as a fresh instance from
     * the process factory, after a recovery delay drawn from the configured range.
     *
     * @param ip   the process
     * @param kind how it goes down
     * @throws IllegalArgumentException if {@code ip} is not a process of this simulation
     * @throws IllegalStateException if the process is not alive (shutting down, dead, or exited)
     */
    void reboot(InetAddress ip, RebootKind kind);

    /**
     * Whether a process is alive: running and not shutting down.
     *
     * @param ip the process
     * @return true if it is alive
     * @throws IllegalArgumentException if {@code ip} is not a process of this simulation
     */
    boolean isAlive(InetAddress ip);

    /**
     * Whether a process returned from {@code run} on its own: it stays down for the rest of the iteration and
     * cannot be rebooted. It is neither alive nor dead, so it counts against no limit on dead processes (such
     * as attrition's {@code maxDead}).
     *
     * @param ip the process
     * @return true if it has exited
     * @throws IllegalArgumentException if {@code ip} is not a process of this simulation
     */
    boolean hasExited(InetAddress ip);

    /**
     * Cuts the network between two nodes for a simulated duration: bytes between them are held (or, as the
     * network is configured, their connections reset), and connects between them wait or time out. Every cut
     * is lifted when the chaos phase ends, however long it was to last; one asked for after that is not made.
     *
     * @param a        one node
     * @param b        the other node
     * @param duration how long the cut lasts
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void partition(InetAddress a, InetAddress b, Duration duration);

    /**
     * Stalls delivery on a random share of a node's connections (both directions) for a simulated duration.
     * The share is taken from the connections not clogged already, rounded, and at least one when
     * {@code fraction} is above zero and any is left; so successive calls clog one subset after another, and
     * with shorter and shorter durations the first clogged is the last released (FoundationDB's swizzle).
     * Every clog is lifted when the chaos phase ends; after that, none is made and 0 is returned.
     *
     * @param ip       the node
     * @param fraction the share of its unclogged connections to clog, in [0, 1]
     * @param duration how long
     * @return how many connections were clogged
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    int clog(InetAddress ip, double fraction, Duration duration);

    /**
     * Simulated time.
     *
     * @return the time provider
     */
    Time time();

    /**
     * The simulation's seeded random stream.
     *
     * @return the generator
     */
    RandomGenerator random();

    /**
     * Fires when the chaos duration ends.
     *
     * @return the chaos-shutdown signal
     */
    Shutdown chaosShutdown();

    // ---- failure domains ----

    /**
     * The cluster-wide view of the topology: every process's tags and locality, the ids of every failure
     * domain and their processes. It belongs to no node: {@link io.moonpool.api.Topology#myTags()} is empty and
     * {@link io.moonpool.api.Topology#myLocality()} is empty.
     *
     * @return the topology of this iteration
     */
    io.moonpool.api.Topology topology();

    /**
     * Reboots every live process of a failure domain at once: they go down at this instant, all as
     * {@code kind} says, and come back as fresh instances. Each machine of the domain draws one recovery delay
     * (and, for {@link RebootKind#GRACEFUL}, one grace period), so the processes of a machine come back
     * together at one instant; a gracefully rebooted machine is killed at the end of its grace period and comes
     * back one recovery delay after it. Processes of the domain that are already down (shutting down, awaiting
     * their restart) or exited are left as they are. The timeline gets one entry for the domain's reboot
     * ({@code machine reboot}, {@code zone reboot}, ...) beside each process's own lifecycle entries, and the
     * report counts one reboot per process. {@link RebootKind#CRASH_AND_WIPE} wipes the disk of every process
     * it takes down.
     *
     * @param domain the level; {@link io.moonpool.api.FailureDomain#PROCESS} is {@link #reboot(InetAddress,
     *               RebootKind)} of the process whose {@link InetAddress#getHostAddress()} is {@code id}
     * @param id     the domain's id, as {@link io.moonpool.api.Topology#domains} lists them
     * @param kind   how its processes go down
     * @throws IllegalArgumentException if no process is in a domain of that id (the message lists the known ids)
     * @throws IllegalStateException    if no process of the domain is alive
     * @throws NullPointerException     if an argument is null
     */
    void reboot(io.moonpool.api.FailureDomain domain, String id, RebootKind kind);

    /**
     * Reboots every live process of a machine at once; see {@link #reboot(io.moonpool.api.FailureDomain,
     * String, RebootKind)}.
     *
     * @param id   the machine's id, e.g. {@code dc1-z1-m1}
     * @param kind how its processes go down
     * @throws IllegalArgumentException if no machine has that id
     * @throws IllegalStateException    if no process of it is alive
     */
    default void rebootMachine(String id, RebootKind kind) {
        reboot(io.moonpool.api.FailureDomain.MACHINE, id, kind);
    }

    /**
     * Reboots every live process of a zone at once, one recovery delay per machine; see
     * {@link #reboot(io.moonpool.api.FailureDomain, String, RebootKind)}.
     *
     * @param id   the zone's id, e.g. {@code dc1-z1}
     * @param kind how its processes go down
     * @throws IllegalArgumentException if no zone has that id
     * @throws IllegalStateException    if no process of it is alive
     */
    default void rebootZone(String id, RebootKind kind) {
        reboot(io.moonpool.api.FailureDomain.ZONE, id, kind);
    }

    /**
     * Reboots every live process of a datacenter at once, one recovery delay per machine; see
     * {@link #reboot(io.moonpool.api.FailureDomain, String, RebootKind)}.
     *
     * @param id   the datacenter's id, e.g. {@code dc1}
     * @param kind how its processes go down
     * @throws IllegalArgumentException if no datacenter has that id
     * @throws IllegalStateException    if no process of it is alive
     */
    default void rebootDatacenter(String id, RebootKind kind) {
        reboot(io.moonpool.api.FailureDomain.DATACENTER, id, kind);
    }

    /**
     * Whether a failure domain is alive: none of its processes is dead (shutting down or awaiting its
     * restart) and at least one is alive. Exited processes count neither way.
     *
     * @param domain the level; for {@link io.moonpool.api.FailureDomain#PROCESS} the same as
     *               {@link #isAlive(InetAddress)}
     * @param id     the domain's id
     * @return true if it is alive
     * @throws IllegalArgumentException if no process is in a domain of that id
     * @throws NullPointerException     if an argument is null
     */
    boolean isAlive(io.moonpool.api.FailureDomain domain, String id);
}
