package io.moonpool.api.fault;

import io.moonpool.api.Shutdown;
import io.moonpool.api.Time;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
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
     * Cuts one direction between two nodes for a simulated duration: what {@code from} sends to {@code to} is
     * held (or its connections reset, as {@link #partition} says), what {@code to} sends to {@code from} flows.
     * A connect between them, either way, waits or times out, since it needs both directions. Lifted when the
     * chaos phase ends; one asked for after that is not made.
     *
     * @param from     the node whose traffic to {@code to} is held
     * @param to       the node it no longer reaches
     * @param duration how long the cut lasts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void cut(InetAddress from, InetAddress to, Duration duration);

    /**
     * Cuts everything a node sends, to every other node, for a simulated duration: it still receives. Lifted
     * as {@link #cut} says.
     *
     * @param node     the node
     * @param duration how long the cut lasts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void isolateSend(InetAddress node, Duration duration);

    /**
     * Cuts everything sent to a node, from every other node, for a simulated duration: what it sends still
     * flows. Lifted as {@link #cut} says.
     *
     * @param node     the node
     * @param duration how long the cut lasts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void isolateReceive(InetAddress node, Duration duration);

    /**
     * Cuts a group of nodes from every node outside it, processes and workloads, both directions, for a
     * simulated duration, while traffic within the group flows: a zone or a datacenter cut from the rest. The
     * group is copied; it is one cut, however many nodes it has. Lifted as {@link #cut} says.
     *
     * @param group    the nodes of the group (duplicates count once)
     * @param duration how long the cut lasts
     * @throws NullPointerException if {@code group}, one of its nodes or {@code duration} is null
     * @throws IllegalArgumentException if {@code group} is empty or {@code duration} is negative
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void isolate(Collection<InetAddress> group, Duration duration);

    /**
     * Cuts a failure domain (a machine, a zone, a datacenter, or one process by its IP) from every node outside
     * it, both directions, for a simulated duration, while its own processes still reach one another: the
     * zone or datacenter partitioned from the rest of the cluster. It is {@link #isolate} of
     * {@code topology().ipsIn(domain, id)}, one cut however large the domain; lifted, healed and recorded as
     * {@link #cut} says.
     *
     * @param domain   the level of the domain
     * @param id       its id, as {@link io.moonpool.api.Topology#domains} lists them (a process's IP string for
     *                 {@link io.moonpool.api.FailureDomain#PROCESS})
     * @param duration how long the cut lasts
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if no domain of that level has the id (the message lists the known
     *                                  ones), or {@code duration} is negative
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void partition(io.moonpool.api.FailureDomain domain, String id, Duration duration);

    /**
     * Whether traffic from one node to another is cut now, in that direction (clogs do not count); false
     * once the chaos phase has ended.
     *
     * @param from the sender
     * @param to   the receiver
     * @return true if a cut holds what {@code from} sends to {@code to}
     * @throws NullPointerException if an argument is null
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    boolean isPartitioned(InetAddress from, InetAddress to);

    /**
     * Lifts now, before their durations end, every cut between two nodes in both directions, and delivers in
     * order what they held; connects waiting on them go through. A cut that also covers other pairs (an
     * isolation, a group cut) keeps cutting those: after {@code isolateSend(a, d)} then {@code heal(a, b)},
     * {@code a} reaches {@code b} and still no one else. Does nothing once the chaos phase has ended.
     *
     * @param a one node
     * @param b the other node
     * @throws NullPointerException if an argument is null
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void heal(InetAddress a, InetAddress b);

    /**
     * Lifts every cut now, before their durations end, and delivers in order what they held. Does nothing once
     * the chaos phase has ended.
     *
     * @throws io.moonpool.api.MoonpoolException if the {@code moonpool-net} module is absent
     */
    void healAll();

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

    // --- reconfiguration (issue 14) ---

    /**
     * Changes how one node's resource behaves for a simulated duration: from now until {@code duration} has
     * passed or the chaos phase ends, whichever comes first, the node's resource of {@code config.resourceId()}
     * (its disk for a {@code StorageConfig}, its side of the network for a {@code NetworkConfig}) behaves as
     * {@code config} says; then it goes back to what it was configured with for this seed. For example, one
     * disk made slow for a minute:
     *
     * <pre>{@code
     * Duration slow = Duration.ofMillis(100);
     * ctx.reconfigure(ip, StorageConfig.builder().writeLatency(slow, slow).build(), Duration.ofMinutes(1));
     * }</pre>
     *
     * <p>A second call for the same node and resource replaces the first, with its own duration (it does not
     * stack on it). What a reconfiguration changes, and what an operation already under way sees, is the
     * plugin's to say (see {@code StorageConfig} and {@code NetworkConfig}). Each call made is a timeline entry
     * {@code reconfigured} (subject the IP and the resource id, value the duration in nanoseconds), counted by
     * the report as an injected fault; the plugin writes {@code reconfiguration ended} when the change is
     * undone. Asked for after the chaos phase ended, it does nothing, as {@link #partition} does.
     *
     * <p><b>Determinism.</b> The call itself draws nothing from any stream; a simulation that never calls it
     * draws and traces exactly as before.
     *
     * @param ip       the node: a process or a workload of this simulation
     * @param config   how the resource behaves meanwhile; the plugin may refuse a configuration it cannot apply
     *                 to one node (for example one with a chaos mode), with an {@link IllegalArgumentException}
     *                 that names the problem
     * @param duration how long, not negative; a duration too long for nanoseconds lasts until the chaos phase
     *                 ends
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code duration} is negative, {@code ip} is no node of this
     *                                  simulation, or the plugin refuses {@code config}
     * @throws io.moonpool.api.MoonpoolException if the plugin of {@code config.resourceId()} is absent (the
     *                                           message names {@code config.artifact()})
     * @throws UnsupportedOperationException if that plugin cannot reconfigure a node (the message names it)
     */
    void reconfigure(InetAddress ip, ResourceConfig config, Duration duration);

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
