package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.fault.FaultContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The network operations of {@link FaultContext} check their arguments, naming the call and the argument,
 * before they look for the network; without {@code moonpool-net} (as on this module's class path) each names
 * the module to add.
 */
class NetworkFaultCallsTest {

    private static final Duration D = Duration.ofSeconds(1);
    private static final Duration NEGATIVE = Duration.ofSeconds(-1);

    /** Runs {@code body} as an injector of one seed, with one process, and fails if the body did. */
    private static void inInjector(ScriptedInjector.Script body) {
        SimulationBuilder.create()
                .processes(1, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(2)))
                .faultInjector(new ScriptedInjector("calls", body))
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(1)
                .run()
                .assertPassed();
    }

    private static <T extends Throwable> String message(Class<T> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void nullsAndNegativeDurationsAreNamedWithTheirCall() {
        inInjector(ctx -> {
            InetAddress ip = ctx.processIps().getFirst();
            assertEquals(
                    "cut(from, to, duration): from is null",
                    message(NullPointerException.class, () -> ctx.cut(null, ip, D)));
            assertEquals(
                    "cut(from, to, duration): to is null",
                    message(NullPointerException.class, () -> ctx.cut(ip, null, D)));
            assertEquals(
                    "cut(from, to, duration): duration must not be negative, was PT-1S",
                    message(IllegalArgumentException.class, () -> ctx.cut(ip, ip, NEGATIVE)));
            assertEquals(
                    "isolateSend(node, duration): node is null",
                    message(NullPointerException.class, () -> ctx.isolateSend(null, D)));
            assertEquals(
                    "isolateReceive(node, duration): duration is null",
                    message(NullPointerException.class, () -> ctx.isolateReceive(ip, null)));
            assertEquals(
                    "isolate(group, duration): group is null",
                    message(NullPointerException.class, () -> ctx.isolate(null, D)));
            assertEquals(
                    "isolate(group, duration): a node of group is null",
                    message(NullPointerException.class, () -> ctx.isolate(Arrays.asList(ip, null), D)));
            assertTrue(message(IllegalArgumentException.class, () -> ctx.isolate(List.of(), D))
                    .startsWith("isolate(group, duration): group is empty"));
            assertEquals(
                    "isolate(group, duration): duration must not be negative, was PT-1S",
                    message(IllegalArgumentException.class, () -> ctx.isolate(List.of(ip), NEGATIVE)));
            assertEquals(
                    "isPartitioned(from, to): to is null",
                    message(NullPointerException.class, () -> ctx.isPartitioned(ip, null)));
            assertEquals("heal(a, b): a is null", message(NullPointerException.class, () -> ctx.heal(null, ip)));
        });
    }

    @Test
    void withoutTheNetworkModuleEachCallNamesIt() {
        List<String> messages = new ArrayList<>();
        inInjector(ctx -> {
            InetAddress ip = ctx.processIps().getFirst();
            List<Executable> calls = List.of(
                    () -> ctx.cut(ip, ip, D),
                    () -> ctx.isolateSend(ip, D),
                    () -> ctx.isolateReceive(ip, D),
                    () -> ctx.isolate(List.of(ip), D),
                    () -> ctx.isPartitioned(ip, ip),
                    () -> ctx.heal(ip, ip),
                    ctx::healAll);
            for (Executable call : calls) {
                messages.add(message(MoonpoolException.class, call));
            }
        });
        List<String> operations = List.of(
                "cut()", "isolateSend()", "isolateReceive()", "isolate()", "isPartitioned()", "heal()", "healAll()");
        assertEquals(operations.size(), messages.size());
        for (int i = 0; i < operations.size(); i++) {
            assertTrue(messages.get(i).startsWith(operations.get(i) + " needs the simulated network"), messages.get(i));
            assertTrue(messages.get(i).contains("io.moonpool:moonpool-net"), messages.get(i));
        }
    }
}
