package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import io.moonpool.sim.internal.runner.Wiring;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * How an iteration builds a discovered fault injector: through Guice when it has an {@code @Inject}
 * constructor, through its public no-argument constructor otherwise, and only if its {@code name()} agrees
 * with its {@link InjectorName}. (In the exported package, so that Guice may call the test classes.)
 */
class FaultInjectorWiringTest {

    private static final Topology TOPOLOGY = new Topology() {
        @Override
        public List<InetAddress> processIps() {
            return List.of();
        }

        @Override
        public List<InetAddress> workloadIps() {
            return List.of();
        }

        @Override
        public Map<String, String> myTags() {
            return Map.of();
        }

        @Override
        public List<InetAddress> ipsTagged(String key, String value) {
            return List.of();
        }

        @Override
        public io.moonpool.api.Locality locality(InetAddress ip) {
            throw new IllegalArgumentException("no process");
        }

        @Override
        public java.util.Optional<io.moonpool.api.Locality> myLocality() {
            return java.util.Optional.empty();
        }

        @Override
        public List<InetAddress> ipsIn(io.moonpool.api.FailureDomain domain, String id) {
            return List.of();
        }

        @Override
        public List<String> domains(io.moonpool.api.FailureDomain domain) {
            return List.of();
        }
    };

    /** Not used by the injectors here: building one must not touch time. */
    private static final Time TIME = new Time() {
        @Override
        public Instant now() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nanoTime() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sleep(Duration duration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T timeout(Duration limit, Callable<T> body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Clock clock() {
            throw new UnsupportedOperationException();
        }
    };

    private static FaultInjector build(Class<? extends FaultInjector> type) {
        return Wiring.create(List.of(), Attrition.defaults())
                .faultInjector(type, TIME, new SplittableRandom(1), TOPOLOGY);
    }

    @Test
    void aClassWithAPlainConstructorIsBuiltWithoutInject() {
        FaultInjector built = build(Plain.class);
        assertInstanceOf(Plain.class, built);
        assertEquals("plain", built.name());
    }

    @Test
    void anInjectConstructorGetsTheIterationsBindings() {
        assertSame(TOPOLOGY, ((WantsTopology) build(WantsTopology.class)).topology);
    }

    @Test
    void aNameOverrideThatDisagreesWithTheAnnotationFailsTheBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> build(Disagrees.class));
        assertEquals(
                Disagrees.class.getName() + " is discovered as 'declared' (its @InjectorName) but its name()"
                        + " returns 'other': remove the name() override, or make it agree",
                e.getMessage());
    }

    @Test
    void aNameOverrideThatAgreesIsAccepted() {
        assertEquals("agrees", build(Agrees.class).name());
    }

    /** No {@code @Inject} anywhere. */
    @InjectorName("plain")
    public static final class Plain implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {}
    }

    /** Asks for the topology. */
    @InjectorName("wants_topology")
    public static final class WantsTopology implements FaultInjector {
        final Topology topology;

        /**
         * Built by Guice.
         *
         * @param topology the iteration's topology
         */
        @Inject
        public WantsTopology(Topology topology) {
            this.topology = topology;
        }

        @Override
        public void inject(FaultContext ctx) {}
    }

    /** Names itself differently from its annotation. */
    @InjectorName("declared")
    public static final class Disagrees implements FaultInjector {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public void inject(FaultContext ctx) {}
    }

    /** Overrides {@code name()} with its annotation's value. */
    @InjectorName("agrees")
    public static final class Agrees implements FaultInjector {
        @Override
        public String name() {
            return "agrees";
        }

        @Override
        public void inject(FaultContext ctx) {}
    }
}
