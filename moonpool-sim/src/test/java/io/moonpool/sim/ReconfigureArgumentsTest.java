package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.Workload;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code FaultContext.reconfigure} checks its arguments at the call, each error naming the problem: null
 * arguments, a negative duration, an IP that is no node, a configuration whose plugin is absent. (The plugins'
 * own answers are tested in moonpool-storage, moonpool-net and moonpool-it.)
 */
class ReconfigureArgumentsTest {

    private static final Workload BRIEF = ctx -> ctx.time().sleep(Duration.ofSeconds(1));

    /** A configuration of a resource no plugin on the class path provides. */
    private record Elsewhere() implements ResourceConfig {
        @Override
        public String resourceId() {
            return "elsewhere";
        }

        @Override
        public String artifact() {
            return "com.example:moonpool-elsewhere";
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code script} as an injector of a two-process, one-workload cluster; the seed must pass. */
    private static void inject(ScriptedInjector.Script script) {
        SimulationBuilder.create()
                .processes(2, () -> ctx -> ctx.shutdown().await())
                .workload(BRIEF)
                .faultInjector(new ScriptedInjector("reconfigure", script))
                .chaosDuration(Duration.ofMillis(500))
                .seeds(1)
                .run()
                .assertPassed();
    }

    private static <T extends Throwable> String thrown(Class<T> type, Runnable call) {
        return assertThrows(type, call::run).getMessage();
    }

    @Test
    void nullArgumentsAndANegativeDurationFailAtTheCallNamingTheArgument() {
        List<String> messages = new ArrayList<>();
        inject(ctx -> {
            InetAddress ip = ctx.processIps().getFirst();
            Duration d = Duration.ofSeconds(1);
            messages.add(thrown(NullPointerException.class, () -> ctx.reconfigure(null, new Elsewhere(), d)));
            messages.add(thrown(NullPointerException.class, () -> ctx.reconfigure(ip, null, d)));
            messages.add(thrown(NullPointerException.class, () -> ctx.reconfigure(ip, new Elsewhere(), null)));
            messages.add(thrown(
                    IllegalArgumentException.class,
                    () -> ctx.reconfigure(ip, new Elsewhere(), Duration.ofSeconds(-1))));
        });
        assertEquals(4, messages.size());
        assertTrue(messages.get(0).contains("reconfigure(") && messages.get(0).contains("ip is null"), messages.get(0));
        assertTrue(messages.get(1).contains("config is null"), messages.get(1));
        assertTrue(messages.get(2).contains("duration is null"), messages.get(2));
        assertTrue(messages.get(3).contains("must not be negative"), messages.get(3));
    }

    @Test
    void anIpThatIsNoNodeIsRefusedNamingIt() {
        List<String> messages = new ArrayList<>();
        inject(ctx -> {
            for (String other : new String[] {"10.0.1.3", "10.0.0.2", "192.168.0.1", "127.0.0.1"}) {
                messages.add(thrown(
                        IllegalArgumentException.class,
                        () -> ctx.reconfigure(ip(other), new Elsewhere(), Duration.ofSeconds(1))));
            }
        });
        assertEquals(4, messages.size());
        assertTrue(messages.get(0).contains("10.0.1.3 is no node of this simulation"), messages.get(0));
        assertTrue(messages.get(1).contains("10.0.0.2"), messages.get(1));
    }

    @Test
    void aConfigurationWhosePluginIsAbsentFailsNamingTheArtifactForProcessesAndWorkloadsAlike() {
        List<String> messages = new ArrayList<>();
        inject(ctx -> {
            for (InetAddress node : List.of(ctx.processIps().getLast(), ip("10.0.0.1"))) {
                messages.add(thrown(
                        MoonpoolException.class, () -> ctx.reconfigure(node, new Elsewhere(), Duration.ofSeconds(1))));
            }
        });
        assertEquals(2, messages.size());
        for (String m : messages) {
            assertTrue(m.contains("com.example:moonpool-elsewhere") && m.contains("'elsewhere'"), m);
        }
        assertTrue(messages.get(0).contains("10.0.1.2"), messages.get(0));
    }
}
