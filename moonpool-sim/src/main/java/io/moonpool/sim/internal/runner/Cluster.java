package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.TimelineSink;
import io.moonpool.sim.LifecycleEntry;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.TaskGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * The processes of one iteration and their lives: boot, reboot (graceful, crash, crash and wipe), restart
 * after a recovery delay, exit.
 */
final class Cluster {

    /** Where a process is in its lifecycle. */
    enum State {
        /** Running, not shutting down. */
        ALIVE,
        /** Its shutdown signal fired; it is within its grace period. */
        SHUTTING_DOWN,
        /** Killed; a restart is scheduled. */
        DOWN,
        /** Returned from {@code run} on its own; it stays down. */
        EXITED
    }

    /** Makes the process instance of one life; the context exists first so that Guice can inject it. */
    @FunctionalInterface
    interface ProcessFactory {
        SimProcess create(SimContext ctx);
    }

    /** Makes the {@link io.moonpool.api.Tasks} of one node. */
    @FunctionalInterface
    interface TasksFactory {
        NodeTasks create(NodeTime time, Object owner, InetAddress ip);
    }

    /**
     * One life of a process: its shutdown signal and the tasks it owns (they name it as their owner, and are
     * listed in it as a {@link TaskGroup}, so that ending a life costs its own tasks, not every task of the run).
     */
    static final class Life extends TaskGroup {
        final Slot slot;
        final ShutdownSignal shutdown = new ShutdownSignal();
        /** The timing of the graceful reboot under way, if one is: its recovery delay follows the shutdown. */
        RebootTiming shutdownTiming;
        /** The machine's reboot this life ended in, if it went down with its machine: it restarts with it. */
        MachineOutage outage;

        Life(Slot slot) {
            this.slot = slot;
        }

        @Override
        public String toString() {
            return slot.ip.getHostAddress();
        }
    }

    /**
     * One machine's reboot: the processes it took down, in boot order, and the lives they had. They come back
     * together, one recovery delay after they all went down (after the grace period, for a graceful one).
     */
    static final class MachineOutage {
        final List<Slot> slots = new ArrayList<>();
        final List<Life> lives = new ArrayList<>();
    }

    /** One process IP across its lives. */
    static final class Slot {
        final int index;
        final InetAddress ip;
        final Map<String, String> tags;
        State state = State.DOWN;
        Life life;
        int lives;

        Slot(int index, InetAddress ip, Map<String, String> tags) {
            this.index = index;
            this.ip = ip;
            this.tags = tags;
        }
    }

    private final Kernel kernel;
    private final NodeTime time;
    private final RandomGenerator random;
    private final ProcessFactory factory;
    private final TasksFactory tasks;
    private final Resources resources;
    private final SimTopology topology;
    private final long seed;
    private final BiConsumer<String, Throwable> onFailure;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<RebootKind, Integer> reboots = new EnumMap<>(RebootKind.class);
    private final Map<String, Map<RebootKind, Integer>> rebootsBySource = new TreeMap<>();
    private final List<LifecycleEntry> lifecycle = new ArrayList<>();
    private final IterationState state;
    private int pendingRestarts;

    Cluster(
            Kernel kernel,
            NodeTime time,
            RandomGenerator random,
            ProcessFactory factory,
            TasksFactory tasks,
            Resources resources,
            SimTopology topology,
            long seed,
            BiConsumer<String, Throwable> onFailure) {
        this.resources = resources;
        this.kernel = kernel;
        this.time = time;
        this.random = random;
        this.factory = factory;
        this.tasks = tasks;
        this.topology = topology;
        this.seed = seed;
        this.onFailure = onFailure;
        this.state = new IterationState(kernel, topology.processIps(), this::isAlive);
        for (int i = 0; i < topology.processIps().size(); i++) {
            slots.add(new Slot(
                    i, topology.processIps().get(i), topology.processTags().get(i)));
        }
    }

    /** The iteration's state that invariants read, shared by every node. */
    IterationState state() {
        return state;
    }

    /** Boots every process, in IP order. */
    void bootAll() {
        for (Slot s : slots) {
            boot(s);
        }
    }

    List<Slot> slots() {
        return slots;
    }

    Slot slot(InetAddress ip) {
        // slots are in process order, and a process's address encodes its number: no scan of every process
        int n = SimTopology.processNumber(ip);
        if (n >= 1 && n <= slots.size() && slots.get(n - 1).ip.equals(ip)) {
            return slots.get(n - 1);
        }
        for (Slot s : slots) {
            if (s.ip.equals(ip)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                ip + " is not a process of this simulation; processes are " + topology.processIps());
    }

    boolean isAlive(InetAddress ip) {
        return slot(ip).state == State.ALIVE;
    }

    boolean hasExited(InetAddress ip) {
        return slot(ip).state == State.EXITED;
    }

    /** Processes shutting down or waiting for their restart. */
    int deadCount() {
        int dead = 0;
        for (Slot s : slots) {
            if (s.state == State.SHUTTING_DOWN || s.state == State.DOWN) {
                dead++;
            }
        }
        return dead;
    }

    /** Whether every reboot has completed: nothing shutting down, no restart pending. */
    boolean quiet() {
        return pendingRestarts == 0 && deadCount() == 0;
    }

    Map<RebootKind, Integer> reboots() {
        return reboots;
    }

    Map<String, Map<RebootKind, Integer>> rebootsBySource() {
        return rebootsBySource;
    }

    /** What happened to processes, in order. */
    List<LifecycleEntry> lifecycle() {
        return lifecycle;
    }

    /**
     * Reboots a live process.
     *
     * @param ip     the process
     * @param kind   how it goes down
     * @param source who asked (an injector's name), for the report
     */
    void reboot(InetAddress ip, RebootKind kind, String source, RebootTiming timings) {
        Slot s = slot(ip);
        if (s.state != State.ALIVE) {
            throw new IllegalStateException("process " + ip.getHostAddress() + " is not alive (" + s.state
                    + "); check isAlive(ip) before rebooting it");
        }
        count(s, kind, source);
        Life life = s.life;
        if (kind == RebootKind.GRACEFUL) {
            s.state = State.SHUTTING_DOWN;
            life.shutdownTiming = timings;
            record(s, LifecycleEntry.Kind.SHUTDOWN_BEGUN, null);
            resources.publish(new LifecycleEvent.ShutdownBegun(s.ip));
            life.shutdown.request();
            long grace = draw(timings.minGracePeriod(), timings.maxGracePeriod());
            kernel.schedule(grace, seq -> {
                if (s.life == life && s.state == State.SHUTTING_DOWN) {
                    record(s, LifecycleEntry.Kind.GRACE_PERIOD_OVER, null);
                    endLife(s, life, RebootKind.GRACEFUL, LifecycleEntry.Kind.KILLED, timings);
                }
            });
        } else {
            endLife(s, life, kind, LifecycleEntry.Kind.KILLED, timings);
            if (kind == RebootKind.CRASH_AND_WIPE) {
                record(s, LifecycleEntry.Kind.WIPED, null);
                resources.publish(new LifecycleEvent.Wiped(s.ip));
            }
        }
    }

    /** Counts one process's reboot for the report and folds it into the trace. */
    private void count(Slot s, RebootKind kind, String source) {
        reboots.merge(kind, 1, Integer::sum);
        rebootsBySource
                .computeIfAbsent(source, k -> new EnumMap<>(RebootKind.class))
                .merge(kind, 1, Integer::sum);
        kernel.trace(((long) s.index << 8) | kind.ordinal());
    }

    /**
     * The processes of a domain, in boot order.
     *
     * @throws IllegalArgumentException naming the known ids (the first 20) if no domain of that level has the id
     */
    List<InetAddress> members(FailureDomain domain, String id) {
        unit(domain, id);
        return topology.ipsIn(domain, id);
    }

    /**
     * The unit of a domain with that id.
     *
     * @throws IllegalArgumentException naming the known ids (the first 20) if none has it
     */
    private int unit(FailureDomain domain, String id) {
        int unit = topology.unit(domain, id);
        if (unit >= 0) {
            return unit;
        }
        List<String> known = topology.domains(domain);
        String level = domain.name().toLowerCase(java.util.Locale.ROOT);
        throw new IllegalArgumentException("no " + level + " of this simulation has the id '" + id + "'; the "
                + level + " ids are "
                + (known.size() <= 20 ? known : known.subList(0, 20) + " (the first 20 of " + known.size() + ")")
                + ", as Topology.domains(" + domain + ") lists them");
    }

    /**
     * Whether a domain is alive: none of its processes shutting down or awaiting its restart, and one alive.
     *
     * @throws IllegalArgumentException if no domain of that level has the id
     */
    boolean isAlive(FailureDomain domain, String id) {
        int unit = unit(domain, id);
        Localities places = topology.localities();
        boolean alive = false;
        for (int i = places.first(domain, unit); i < places.end(domain, unit); i++) {
            State st = slots.get(i).state;
            if (st == State.SHUTTING_DOWN || st == State.DOWN) {
                return false;
            }
            alive |= st == State.ALIVE;
        }
        return alive;
    }

    /**
     * Reboots every live process of a domain at once, machine by machine: each machine draws one recovery delay
     * (and one grace period for a graceful reboot) and its processes come back together.
     *
     * @throws IllegalArgumentException if no domain of that level has the id
     * @throws IllegalStateException    if no process of it is alive
     */
    void reboot(FailureDomain domain, String id, RebootKind kind, String source, RebootTiming timings) {
        int unit = unit(domain, id);
        if (domain == FailureDomain.PROCESS) {
            reboot(slots.get(unit).ip, kind, source, timings);
            return;
        }
        Localities places = topology.localities();
        int first = places.first(domain, unit);
        int end = places.end(domain, unit);
        boolean anyAlive = false;
        for (int i = first; i < end && !anyAlive; i++) {
            anyAlive = slots.get(i).state == State.ALIVE;
        }
        String level = domain.name().toLowerCase(java.util.Locale.ROOT);
        if (!anyAlive) {
            throw new IllegalStateException("no process of " + level + " " + id + " is alive (they are down or"
                    + " exited); check isAlive(" + domain + ", id) before rebooting it");
        }
        if (TimelineSink.CURRENT.isBound()) {
            TimelineSink.CURRENT.get().record(level + " reboot", id + " (" + kind + ")", end - first);
        }
        int i = first;
        while (i < end) {
            int machineEnd = places.end(FailureDomain.MACHINE, places.machineOf(i));
            MachineOutage outage = new MachineOutage();
            for (; i < machineEnd; i++) {
                Slot s = slots.get(i);
                if (s.state == State.ALIVE) {
                    outage.slots.add(s);
                    outage.lives.add(s.life);
                    s.life.outage = outage;
                    count(s, kind, source);
                }
            }
            if (!outage.slots.isEmpty()) {
                rebootMachine(outage, kind, timings);
            }
        }
    }

    /** Takes one machine's live processes down at once, and brings them back together. */
    private void rebootMachine(MachineOutage outage, RebootKind kind, RebootTiming timings) {
        if (kind == RebootKind.GRACEFUL) {
            for (int k = 0; k < outage.slots.size(); k++) {
                Slot s = outage.slots.get(k);
                Life life = outage.lives.get(k);
                s.state = State.SHUTTING_DOWN;
                life.shutdownTiming = timings;
                record(s, LifecycleEntry.Kind.SHUTDOWN_BEGUN, null);
                resources.publish(new LifecycleEvent.ShutdownBegun(s.ip));
                life.shutdown.request();
            }
            pendingRestarts++;
            long grace = draw(timings.minGracePeriod(), timings.maxGracePeriod());
            kernel.schedule(grace, seq -> {
                for (int k = 0; k < outage.slots.size(); k++) {
                    Slot s = outage.slots.get(k);
                    Life life = outage.lives.get(k);
                    if (s.life == life && s.state == State.SHUTTING_DOWN) {
                        record(s, LifecycleEntry.Kind.GRACE_PERIOD_OVER, null);
                        down(s, life, RebootKind.GRACEFUL, LifecycleEntry.Kind.KILLED);
                    }
                }
                pendingRestarts--;
                restartTogether(outage, timings);
            });
        } else {
            for (int k = 0; k < outage.slots.size(); k++) {
                down(outage.slots.get(k), outage.lives.get(k), kind, LifecycleEntry.Kind.KILLED);
            }
            if (kind == RebootKind.CRASH_AND_WIPE) {
                for (Slot s : outage.slots) {
                    record(s, LifecycleEntry.Kind.WIPED, null);
                    resources.publish(new LifecycleEvent.Wiped(s.ip));
                }
            }
            restartTogether(outage, timings);
        }
    }

    /** One recovery delay for the whole machine: its processes boot at one instant, in boot order. */
    private void restartTogether(MachineOutage outage, RebootTiming timings) {
        pendingRestarts++;
        kernel.schedule(draw(timings.minRecoveryDelay(), timings.maxRecoveryDelay()), seq -> {
            pendingRestarts--;
            for (int k = 0; k < outage.slots.size(); k++) {
                Slot s = outage.slots.get(k);
                if (s.life == outage.lives.get(k) && s.state == State.DOWN) {
                    boot(s);
                }
            }
        });
    }

    /** Starts a life: its instance is made inside its own first task, so a constructor may block or sleep. */
    private void boot(Slot s) {
        Life life = new Life(s);
        s.life = life;
        s.lives++;
        s.state = State.ALIVE;
        if (s.lives > 1) {
            record(s, LifecycleEntry.Kind.RESTARTED, null);
            resources.publish(new LifecycleEvent.Restarted(s.ip));
        }
        NodeTime nodeTime = Iteration.timeFor(time, resources, s.ip);
        NodeContext ctx = new NodeContext(
                s.ip,
                topology.seenBy(s.index),
                nodeTime,
                tasks.create(nodeTime, life, s.ip),
                random,
                life.shutdown,
                seed,
                resources,
                state);
        String name = s.ip.getHostAddress() + (s.lives > 1 ? "#" + s.lives : "");
        kernel.spawn(name, life, () -> {
            try {
                SimProcess instance;
                try {
                    instance = factory.create(ctx);
                    if (instance == null) {
                        throw new NullPointerException("the process factory returned null instead of a SimProcess;"
                                + " it must make a fresh instance on every boot");
                    }
                } catch (RuntimeException | Error e) {
                    onFailure.accept(s.ip.getHostAddress() + " (process factory)", e);
                    return;
                }
                String processName;
                try {
                    processName = instance.name();
                } catch (RuntimeException | Error e) {
                    onFailure.accept(
                            s.ip.getHostAddress() + " (" + instance.getClass().getName() + ".name())", e);
                    return;
                }
                try {
                    instance.run(ctx);
                } catch (Throwable e) {
                    onFailure.accept(s.ip.getHostAddress() + " (" + processName + ")", e);
                }
            } finally {
                mainReturned(s, life);
            }
        });
    }

    /** Runs at the end of a life's main task. */
    private void mainReturned(Slot s, Life life) {
        if (s.life != life || kernel.ended()) {
            return;
        }
        if (s.state == State.SHUTTING_DOWN && life.outage != null) {
            // down before its machine's grace period ends: the machine comes back as a whole, after it
            down(s, life, RebootKind.GRACEFUL, LifecycleEntry.Kind.SHUT_DOWN);
        } else if (s.state == State.SHUTTING_DOWN) {
            endLife(s, life, RebootKind.GRACEFUL, LifecycleEntry.Kind.SHUT_DOWN, life.shutdownTiming);
        } else if (s.state == State.ALIVE) {
            killTasksOf(life);
            s.state = State.EXITED;
            record(s, LifecycleEntry.Kind.EXITED, null);
            resources.publish(new LifecycleEvent.Exited(s.ip));
        }
    }

    /** Kills every task of a life (but the caller, if it is one of them) and schedules the restart. */
    private void endLife(Slot s, Life life, RebootKind kind, LifecycleEntry.Kind what, RebootTiming timings) {
        down(s, life, kind, what);
        pendingRestarts++;
        kernel.schedule(draw(timings.minRecoveryDelay(), timings.maxRecoveryDelay()), seq -> {
            pendingRestarts--;
            if (s.life == life && s.state == State.DOWN) {
                boot(s);
            }
        });
    }

    /** Kills every task of a life (but the caller's) and marks the process down; its restart is the caller's. */
    private void down(Slot s, Life life, RebootKind kind, LifecycleEntry.Kind what) {
        killTasksOf(life);
        s.state = State.DOWN;
        record(s, what, what == LifecycleEntry.Kind.KILLED ? kind : null);
        resources.publish(new LifecycleEvent.Killed(s.ip, kind));
    }

    private void killTasksOf(Life life) {
        kernel.killGroup(life);
    }

    private long draw(Duration min, Duration max) {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return lo == hi ? lo : random.nextLong(lo, hi + 1);
    }

    private void record(Slot s, LifecycleEntry.Kind what, RebootKind reboot) {
        lifecycle.add(new LifecycleEntry(Duration.ofNanos(kernel.now()), s.ip, what, Optional.ofNullable(reboot)));
        if (io.moonpool.api.spi.TimelineSink.CURRENT.isBound()) {
            io.moonpool.api.spi.TimelineSink.CURRENT
                    .get()
                    .record(
                            "process "
                                    + what.name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', ' '),
                            s.ip.getHostAddress() + (reboot == null ? "" : " (" + reboot + ")"),
                            0);
        }
    }
}
