package io.moonpool.testkit;

import io.moonpool.api.config.DurationRange;
import io.moonpool.api.spi.KernelServices;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tiny third-party resource written against the public SPI only: one register per node, whose writes land
 * after a latency and are kept by a flush. It keeps every guarantee of {@link ResourcePluginContract}, unless
 * told to break one ({@link Violation}), so that the contract can be shown to catch each break.
 */
final class RegisterPlugin implements ResourcePlugin {

    /** Which guarantee to break. */
    enum Violation {
        NONE,
        /** Draws from the simulation stream on every write, faults or not. */
        DRAWS_WITH_FAULTS_OFF,
        /** Reports activity for ever once written. */
        STAYS_ACTIVE,
        /** Keeps a freeze after the chaos phase ends. */
        KEEPS_FAULT_AFTER_CHAOS,
        /** Ignores lifecycle events: a crash keeps unflushed writes. */
        DEAF_TO_REBOOTS,
        /** Traces an identity hash code of a new object: another value at every call. */
        NONDETERMINISTIC,
        /** Traces the identity hash code of a class: the same in one JVM, another in the next. */
        JVM_BOUND
    }

    /** A node's register. */
    interface Register {
        /** Writes a value: it lands after the latency, and survives a crash once flushed. */
        void write(long value) throws IOException, InterruptedException;

        /** Makes what landed survive a crash. */
        void flush();

        /** The value that landed last, or 0. */
        long read();
    }

    /** Freezes a node's register: writes wait until it thaws (its duration, or the end of chaos). */
    interface Freeze {
        void freeze(InetAddress ip, Duration duration);
    }

    /**
     * The register's configuration.
     *
     * @param glitches the probability that a write fails
     * @param latency  how long a write takes to land
     */
    record RegisterConfig(double glitches, DurationRange latency) implements ResourceConfig {
        @Override
        public String resourceId() {
            return "register";
        }

        @Override
        public String artifact() {
            return "io.moonpool:moonpool-testkit (tests)";
        }
    }

    private final Violation violation;

    RegisterPlugin(Violation violation) {
        this.violation = violation;
    }

    @Override
    public String id() {
        return "register";
    }

    @Override
    public ResourceInstance start(KernelServices kernel) {
        return new Instance(kernel, violation);
    }

    private static final class Node {
        long landed;
        long flushed;
        long frozenUntil;
        int inFlight;
    }

    private static final class Instance implements ResourceInstance, Freeze {
        private final KernelServices kernel;
        private final Violation violation;
        private final RegisterConfig config;
        private final Map<InetAddress, Node> nodes =
                new TreeMap<>((a, b) -> java.util.Arrays.compare(a.getAddress(), b.getAddress()));
        private boolean everWritten;

        Instance(KernelServices kernel, Violation violation) {
            this.kernel = kernel;
            this.violation = violation;
            this.config = kernel.config(RegisterConfig.class)
                    .orElse(new RegisterConfig(0, DurationRange.of(Duration.ofMillis(1))));
        }

        private Node node(InetAddress ip) {
            return nodes.computeIfAbsent(ip, k -> new Node());
        }

        @Override
        public <T> Optional<T> provide(Class<T> type, InetAddress ip) {
            if (type != Register.class) {
                return Optional.empty();
            }
            Node n = node(ip);
            return Optional.of(type.cast(new Register() {
                @Override
                public void write(long value) throws IOException, InterruptedException {
                    if (violation == Violation.DRAWS_WITH_FAULTS_OFF) {
                        kernel.random().nextInt();
                    }
                    if (violation == Violation.NONDETERMINISTIC) {
                        kernel.trace(System.identityHashCode(new Object()));
                    }
                    if (violation == Violation.JVM_BOUND) {
                        kernel.trace(System.identityHashCode(RegisterPlugin.class));
                    }
                    if (kernel.strikes(config.glitches())) {
                        kernel.fault("register glitch", ip.getHostAddress(), value);
                        throw new IOException("register glitch");
                    }
                    while (n.frozenUntil > kernel.now()) {
                        kernel.sleep(n.frozenUntil - kernel.now());
                    }
                    everWritten = true;
                    n.inFlight++;
                    kernel.trace(value);
                    kernel.schedule(kernel.drawNanos(config.latency()), () -> {
                        n.inFlight--;
                        n.landed = value;
                    });
                    while (n.landed != value || n.inFlight > 0) {
                        kernel.park(this);
                    }
                }

                @Override
                public void flush() {
                    n.flushed = n.landed;
                }

                @Override
                public long read() {
                    return n.landed;
                }
            }));
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return type == Freeze.class ? Optional.of(type.cast(this)) : Optional.empty();
        }

        @Override
        public void freeze(InetAddress ip, Duration duration) {
            node(ip).frozenUntil = kernel.now() + duration.toNanos();
        }

        @Override
        public void onLifecycle(LifecycleEvent event) {
            if (violation == Violation.DEAF_TO_REBOOTS || !event.processGone()) {
                return;
            }
            Node n = node(event.ip());
            if (event.graceful()) {
                n.flushed = n.landed; // a clean stop flushes
            } else {
                n.landed = n.flushed; // a crash loses what was not flushed
            }
        }

        @Override
        public void onChaosEnd() {
            if (violation != Violation.KEEPS_FAULT_AFTER_CHAOS) {
                nodes.values().forEach(n -> n.frozenUntil = 0);
            }
        }

        @Override
        public Optional<String> activity() {
            if (violation == Violation.STAYS_ACTIVE && everWritten) {
                return Optional.of("register: still busy");
            }
            int inFlight = nodes.values().stream().mapToInt(n -> n.inFlight).sum();
            return inFlight == 0 ? Optional.empty() : Optional.of("register: " + inFlight + " write(s) in flight");
        }
    }
}
