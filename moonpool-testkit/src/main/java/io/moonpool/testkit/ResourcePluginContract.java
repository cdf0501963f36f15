package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The guarantees every resource plugin must keep, as an abstract JUnit test class: a plugin's test extends it,
 * names the plugin, its faults off and on, and a scenario that exercises it, and inherits one test per
 * guarantee. It uses only the public SPI ({@code io.moonpool.api.spi}) and the runner ({@code io.moonpool.sim}),
 * so a third-party plugin runs it exactly as {@code moonpool-net} and {@code moonpool-storage} do.
 *
 * <p>The guarantees, one test each:
 * <ul>
 *   <li>{@link #withFaultsOffItDrawsNothingFromTheSimulationStream}: with every fault off, using the plugin,
 *       settling it and rebooting its nodes draw nothing from {@link KernelServices#random()}, so adding the
 *       plugin changes no other decision of a seed;</li>
 *   <li>{@link #theSameSeedGivesTheSameTraceInAFreshJvm}: with its faults on, the same seed gives the same
 *       trace, in this JVM and in a fresh one (nothing read from identity hashes, real time or unordered
 *       iteration);</li>
 *   <li>{@link #itIsQuietAfterSettle}: once the chaos phase ends and the scheduled work runs out,
 *       {@link ResourceInstance#activity()} is empty, so the runner's settle phase ends;</li>
 *   <li>{@link #onChaosEndLiftsEveryLastingFault}: after {@link ResourceInstance#onChaosEnd()} the plugin
 *       works as if its lasting faults (partitions, clogs) had never been made;</li>
 *   <li>{@link #crashAndGracefulRebootReachItsInstances}: a crash and a graceful reboot, delivered as
 *       {@link LifecycleEvent}s, have the effect the plugin promises, and the check that says so fails when
 *       the events are withheld.</li>
 * </ul>
 *
 * <p><b>How it drives the plugin.</b> Most checks start the plugin on a {@link RecordingKernel}, the test
 * thread standing for one task, and hand the instance to {@link #exercise}, {@link #makeLastingFaults} and
 * {@link #checkReboot}: these run on the test thread, use the instance's providers (for example
 * {@code instance.provide(Network.class, ip)}) and block only through the kernel, which then runs the scheduled
 * actions in order. The runner itself is used for {@link #simulation}: the plugin must then be found by
 * {@link java.util.ServiceLoader} on the test's class or module path, as it would be by a user.
 *
 * <p><b>Cost.</b> A few short runs on the fake kernel, {@link #seeds()} seeds of {@link #simulation} three
 * times, and one forked JVM per concrete class (about a second).
 *
 * <p><b>Threading.</b> JUnit runs each test on one thread; nothing here is shared between tests.
 */
public abstract class ResourcePluginContract {

    /** The seed of the fake kernel in the checks that use one seed. */
    private static final long SEED = 42;

    private boolean lastingFaultsMade;

    /** For subclasses: a public or package-private no-argument constructor lets the fresh JVM make one too. */
    protected ResourcePluginContract() {}

    /**
     * The plugin under test: a fresh instance, as {@link java.util.ServiceLoader} would make it.
     *
     * @return the plugin
     */
    protected abstract ResourcePlugin plugin();

    /**
     * The resource plugin of this id as the runner finds it, with {@link java.util.ServiceLoader}: what
     * {@link #plugin()} usually returns, so that the contract tests what users run.
     *
     * @param id the plugin's {@link ResourcePlugin#id()}
     * @return a fresh instance of it
     * @throws AssertionError if no plugin of that id is on the class or module path, naming the ones found
     */
    protected static ResourcePlugin discovered(String id) {
        List<String> found = new ArrayList<>();
        for (ResourcePlugin p : java.util.ServiceLoader.load(ResourcePlugin.class)) {
            if (p.id().equals(id)) {
                return p;
            }
            found.add(p.id());
        }
        throw new AssertionError("no resource plugin \"" + id + "\" on the class or module path (found " + found
                + "): add its artifact, and its META-INF/services/io.moonpool.api.spi.ResourcePlugin or provides"
                + " clause");
    }

    /**
     * The plugin's configuration with every fault family off (probabilities 0, no chaos mode), latencies as
     * they come.
     *
     * @return the configuration
     */
    protected abstract ResourceConfig faultsOff();

    /**
     * The plugin's configuration with its faults on, as many families as {@link #exercise} tolerates (it must
     * still return: a fault that hangs the exercise for ever makes the kernel fail it).
     *
     * @return the configuration
     */
    protected abstract ResourceConfig faultsOn();

    /**
     * Uses the plugin as a process would, on the calling thread: binds, connects, writes, reads, forces. Runs on
     * a fresh instance of a {@link RecordingKernel}; with {@link #faultsOn()} it may throw, and what it throws
     * is part of its outcome.
     *
     * @param instance the plugin's instance of this run
     * @return what it observed, compared with {@code equals} and printed with {@code toString} (both
     *         deterministic: a string, a list of values, a record); the simulated time it took is compared too
     * @throws Exception when an operation fails
     */
    protected abstract Object exercise(ResourceInstance instance) throws Exception;

    /**
     * Makes every kind of lasting fault the plugin has (the ones that outlive their cause until the chaos phase
     * ends, such as partitions and clogs), as a fault injector would, through the instance's capabilities, so
     * that they would change what {@link #exercise} observes. Plugins without lasting faults keep this default,
     * which makes none (the check then only shows that {@code onChaosEnd} changes nothing).
     *
     * @param instance the plugin's instance of this run, before {@link #exercise} runs on it
     * @throws Exception when making a fault fails
     */
    protected void makeLastingFaults(ResourceInstance instance) throws Exception {
        lastingFaultsMade = false;
    }

    /**
     * Puts a node into a state that a reboot of {@code kind} must change (an open connection, an unforced
     * write, an open file), calls {@code reboot} with that node, and asserts what the reboot must have done
     * (the peer sees a reset or a FIN, unforced data is lost or kept, channels are closed), throwing an
     * {@link AssertionError} otherwise. The contract runs it twice per kind: once with {@code reboot} delivering
     * the reboot's {@link LifecycleEvent}s, where it must pass, and once with {@code reboot} withholding them,
     * where it must fail, so that it checks an effect of the reboot.
     *
     * @param instance the plugin's instance of this run, on a fresh {@link RecordingKernel} with faults off
     * @param kind     {@link RebootKind#CRASH} or {@link RebootKind#GRACEFUL}
     * @param reboot   reboots the node it is given: delivers {@code ShutdownBegun} (graceful only),
     *                 {@code Killed(kind)}, then {@code Restarted}, at once
     * @throws Exception when an operation fails
     */
    protected abstract void checkReboot(ResourceInstance instance, RebootKind kind, Consumer<InetAddress> reboot)
            throws Exception;

    /**
     * A simulation that exercises the plugin through the runner (processes, a workload, perhaps fault
     * injectors and attrition), passing with either configuration. The contract adds the seeds.
     *
     * @param faults {@link #faultsOff()} or {@link #faultsOn()}: configure it with
     *               {@link SimulationBuilder#configure}
     * @return the builder, without seeds
     */
    protected abstract SimulationBuilder simulation(ResourceConfig faults);

    /**
     * The seeds the simulation and the fresh JVM run.
     *
     * @return a few seeds; {@code {1, 2, 3}} by default
     */
    protected long[] seeds() {
        return new long[] {1, 2, 3};
    }

    /**
     * With every fault off, exercising the plugin, settling it and rebooting its nodes (crash and graceful)
     * draw nothing from the simulation stream, so that a seed makes the same decisions with the plugin as
     * without it. Knobs are drawn from {@link KernelServices#configRandom()}, faults through
     * {@link KernelServices#strikes}, which draws nothing for a probability of 0.
     *
     * @throws Exception when the exercise fails
     */
    @Test
    public final void withFaultsOffItDrawsNothingFromTheSimulationStream() throws Exception {
        RecordingKernel kernel = new RecordingKernel(SEED, faultsOff());
        ResourceInstance instance = plugin().start(kernel);
        exercise(instance);
        assertEquals(0, kernel.simulationDraws(), "exercise() drew from KernelServices.random() with faults off");
        settle(kernel, instance);
        assertEquals(0, kernel.simulationDraws(), "settling drew from KernelServices.random() with faults off");
        for (RebootKind kind : List.of(RebootKind.CRASH, RebootKind.GRACEFUL)) {
            RecordingKernel k = new RecordingKernel(SEED, faultsOff());
            ResourceInstance i = plugin().start(k);
            checkReboot(i, kind, ip -> reboot(i, kind, ip));
            assertEquals(
                    0,
                    k.simulationDraws(),
                    "checkReboot(" + kind + ") drew from KernelServices.random() with faults off");
        }
    }

    /**
     * With its faults on, each seed gives the same outcome twice in this JVM and once more in a fresh JVM: the
     * exercise on the fake kernel (its trace hash, draws, time and observation) and the {@link #simulation}
     * (each seed's trace hash, events and verdict).
     *
     * @throws Exception when the fresh JVM cannot be started
     */
    @Test
    public final void theSameSeedGivesTheSameTraceInAFreshJvm() throws Exception {
        long[] seeds = seeds();
        List<String> first = traces(this, seeds);
        assertEquals(first, traces(this, seeds), "the same seeds gave another trace in the same JVM");
        assertEquals(first, FreshJvm.traces(getClass(), seeds), "the same seeds gave another trace in a fresh JVM");
    }

    /**
     * Once the chaos phase is over ({@code onChaosEnd}, then {@link KernelServices#chaosActive()} false) and
     * the scheduled actions run, {@link ResourceInstance#activity()} turns empty, with faults off and on; and
     * the {@link #simulation} passes its settle phase with either.
     *
     * @throws Exception when the exercise fails with faults off
     */
    @Test
    public final void itIsQuietAfterSettle() throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            ResourceConfig config = on ? faultsOn() : faultsOff();
            RecordingKernel kernel = new RecordingKernel(SEED, config);
            ResourceInstance instance = plugin().start(kernel);
            if (!on) {
                exercise(instance);
            } else {
                outcome(instance); // faults may make it throw
            }
            settle(kernel, instance);
            SimulationReport report = simulation(config).seeds(seeds()).run();
            report.assertPassed();
        }
    }

    /**
     * After {@link ResourceInstance#onChaosEnd()}, the plugin works as if {@link #makeLastingFaults} had never
     * been called: {@link #exercise} observes the same and takes the same simulated time as on a fresh
     * instance. And without {@code onChaosEnd}, those faults do change what it observes, or how long it takes.
     *
     * @throws Exception when the exercise fails
     */
    @Test
    public final void onChaosEndLiftsEveryLastingFault() throws Exception {
        // each side against a fresh instance in the same chaos phase, so that only the faults can differ
        String freshAfterChaos = timed(new RecordingKernel(SEED, faultsOff()), false, true);
        String lifted = timed(new RecordingKernel(SEED, faultsOff()), true, true);
        assertEquals(freshAfterChaos, lifted, "a lasting fault outlived onChaosEnd()");
        if (lastingFaultsMade) {
            String freshInChaos = timed(new RecordingKernel(SEED, faultsOff()), false, false);
            String kept = timed(new RecordingKernel(SEED, faultsOff()), true, false);
            assertNotEquals(
                    freshInChaos,
                    kept,
                    "makeLastingFaults() made no fault that exercise() can see: the check above proves nothing");
        }
    }

    /**
     * A crash and a graceful reboot reach the plugin's instance: {@link #checkReboot} passes when the reboot's
     * {@link LifecycleEvent}s are delivered, and fails when they are withheld.
     *
     * @throws Exception when an operation fails
     */
    @Test
    public final void crashAndGracefulRebootReachItsInstances() throws Exception {
        for (RebootKind kind : List.of(RebootKind.CRASH, RebootKind.GRACEFUL)) {
            List<InetAddress> rebooted = new ArrayList<>();
            ResourceInstance instance = plugin().start(new RecordingKernel(SEED, faultsOff()));
            try {
                checkReboot(instance, kind, ip -> {
                    rebooted.add(ip);
                    reboot(instance, kind, ip);
                });
            } catch (AssertionError e) {
                throw new AssertionError(
                        "a " + kind + " reboot did not have its effect on the plugin: " + e.getMessage(), e);
            }
            assertTrue(!rebooted.isEmpty(), "checkReboot(" + kind + ") never called reboot");
            ResourceInstance deaf = plugin().start(new RecordingKernel(SEED, faultsOff()));
            Optional<Throwable> withheld = failure(() -> checkReboot(deaf, kind, ip -> {}));
            if (withheld.isEmpty()) {
                fail("checkReboot(" + kind + ") also passed with the lifecycle events withheld: it must assert an"
                        + " effect of the reboot");
            }
        }
    }

    /** The events of one reboot of {@code kind}, in the runner's order, with the restart at once. */
    private static void reboot(ResourceInstance instance, RebootKind kind, InetAddress ip) {
        if (kind == RebootKind.GRACEFUL) {
            instance.onLifecycle(new LifecycleEvent.ShutdownBegun(ip));
        }
        instance.onLifecycle(new LifecycleEvent.Killed(ip, kind));
        if (kind == RebootKind.CRASH_AND_WIPE) {
            instance.onLifecycle(new LifecycleEvent.Wiped(ip));
        }
        instance.onLifecycle(new LifecycleEvent.Restarted(ip));
    }

    /** Ends the chaos phase as the runner does, then runs the scheduled actions until the instance is idle. */
    private static void settle(RecordingKernel kernel, ResourceInstance instance) {
        kernel.chaos(false);
        instance.onChaosEnd();
        if (!kernel.runWhile(() -> instance.activity().isEmpty())) {
            fail("still active after every scheduled action ran, at t=" + kernel.now() + " ns: "
                    + instance.activity().orElseThrow());
        }
    }

    /** One exercise, its faults made first or not, lifted or not: what it observed and how long it took. */
    private String timed(RecordingKernel kernel, boolean withFaults, boolean lift) throws Exception {
        ResourceInstance instance = plugin().start(kernel);
        if (withFaults) {
            lastingFaultsMade = true;
            makeLastingFaults(instance);
        }
        if (lift) {
            kernel.chaos(false);
            instance.onChaosEnd();
        }
        long start = kernel.now();
        String observed = outcome(instance);
        return observed + " in " + (kernel.now() - start) + " ns";
    }

    /** What the exercise returned, or what it threw: both deterministic. */
    private String outcome(ResourceInstance instance) {
        Object[] observed = new Object[1];
        Optional<Throwable> thrown = failure(() -> observed[0] = exercise(instance));
        return thrown.map(t -> "threw " + t).orElseGet(() -> "returned " + observed[0]);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Optional<Throwable> failure(Action action) {
        try {
            action.run();
            return Optional.empty();
        } catch (Exception | AssertionError e) {
            return Optional.of(e);
        }
    }

    /**
     * The outcome of every seed, as lines: the exercise on the fake kernel with faults on, and the simulation.
     * Called in this JVM and by {@link FreshJvm#main} in a fresh one; each line holds no line break.
     */
    static List<String> traces(ResourcePluginContract contract, long[] seeds) {
        List<String> lines = new ArrayList<>();
        for (long seed : seeds) {
            RecordingKernel kernel = new RecordingKernel(seed, contract.faultsOn());
            String observed = contract.outcome(contract.plugin().start(kernel));
            lines.add("kernel seed " + seed + " hash " + kernel.traceHash() + " draws " + kernel.simulationDraws()
                    + " t=" + kernel.now() + " " + observed);
        }
        for (RunResult r :
                contract.simulation(contract.faultsOn()).seeds(seeds).run().runs()) {
            lines.add("simulation seed " + r.seed() + " hash " + r.traceHash() + " events " + r.events() + " "
                    + r.failure().map(f -> "failed: " + f.message()).orElse("passed"));
        }
        lines.replaceAll(l -> l.replace("\r", "\\r").replace("\n", "\\n")); // one line each, for the fork's file
        return lines;
    }
}
