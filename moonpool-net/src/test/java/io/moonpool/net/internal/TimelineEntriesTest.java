package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.LifecycleEvent;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.net.NetworkConfig;
import io.moonpool.testkit.RecordingKernel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network's timeline entries, recorded by a kernel of the test's own: connections opened, accepted,
 * closed and reset, bytes delivered, partitions and clogs made and lifted, each naming its subject by
 * addresses only.
 */
class TimelineEntriesTest {

    private static final InetAddress CLIENT = ip("10.0.0.1");
    private static final InetAddress SERVER = ip("10.0.1.1");
    private static final InetSocketAddress LISTEN = new InetSocketAddress(SERVER, 4500);

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private final RecordingKernel kernel = new RecordingKernel();
    private final SimNetwork net = (SimNetwork) new NetworkPlugin().start(kernel);

    private Network network(InetAddress ip) {
        return net.provide(Network.class, ip).orElseThrow();
    }

    private Connection[] pair(Listener listener) throws IOException {
        Connection client = network(CLIENT).connect(LISTEN);
        return new Connection[] {client, listener.accept()};
    }

    @Test
    void aConnectionsLifeFromOpenToFin() throws IOException {
        Listener listener = network(SERVER).bind(LISTEN);
        Connection[] p = pair(listener);
        p[0].output().write(new byte[10]);
        assertEquals(10, p[1].input().readNBytes(10).length);
        p[0].close();
        assertEquals(-1, p[1].input().read());
        assertEquals(
                List.of(
                        "t=700000 connection opened 10.0.0.1:40000 -> 10.0.1.1:4500 0",
                        "t=700000 connection accepted 10.0.1.1:4500 -> 10.0.0.1:40000 0",
                        "t=1050000 bytes delivered 10.0.0.1:40000 -> 10.0.1.1:4500 10",
                        "t=1050000 connection closed (FIN) 10.0.0.1:40000 -> 10.0.1.1:4500 0"),
                kernel.take());
    }

    @Test
    void anAbortAndACrashAreResets() throws IOException {
        Listener listener = network(SERVER).bind(LISTEN);
        Connection[] first = pair(listener);
        first[0].abort();
        assertThrows(SocketException.class, () -> first[1].input().read());
        pair(listener);
        kernel.take();
        net.onLifecycle(new LifecycleEvent.Killed(CLIENT, RebootKind.CRASH));
        assertEquals(List.of("t=1750000 connection reset (RST) 10.0.0.1:40001 -> 10.0.1.1:4500 0"), kernel.take());
    }

    @Test
    void theFirstEntriesOfAnAbort() throws IOException {
        Listener listener = network(SERVER).bind(LISTEN);
        Connection[] p = pair(listener);
        kernel.take();
        p[0].abort();
        assertEquals(List.of("t=700000 connection reset (RST) 10.0.0.1:40000 -> 10.0.1.1:4500 0"), kernel.take());
    }

    @Test
    void bytesReachingAClosedReceiverAreAResetThatCountsThem() throws IOException {
        Listener listener = network(SERVER).bind(LISTEN);
        Connection[] p = pair(listener);
        p[1].close();
        kernel.take();
        p[0].output().write(new byte[7]);
        kernel.runUntil(10_000_000L);
        assertEquals(
                1,
                kernel.take().stream()
                        .filter(e -> e.contains(TimelineEntries.RESET_SENT) && e.endsWith(" 7"))
                        .count(),
                "the reset counts the 7 bytes nobody reads");
    }

    @Test
    void partitionsAndClogsAreMadeAndLiftedAtTheEndOfChaos() throws IOException {
        Listener listener = network(SERVER).bind(LISTEN);
        Connection[] p = pair(listener);
        kernel.take();
        NetworkControl control = net;
        control.partition(CLIENT, SERVER, Duration.ofSeconds(5));
        assertEquals(1, control.clog(CLIENT, 1.0, Duration.ofSeconds(2)));
        p[0].output().write(new byte[3]); // held by the partition and the clog
        kernel.runUntil(1_000_000_000L);
        kernel.chaos(false);
        net.onChaosEnd();
        assertEquals(3, p[1].input().readNBytes(3).length);
        assertEquals(
                List.of(
                        "t=700000 partition made 10.0.0.1 -/- 10.0.1.1 5000000000",
                        "t=700000 clog made 10.0.0.1:40000 -> 10.0.1.1:4500 2000000000",
                        "t=700000 clog made 10.0.1.1:4500 -> 10.0.0.1:40000 2000000000",
                        "t=1000000000 partition lifted 10.0.0.1 -/- 10.0.1.1 0",
                        "t=1000000000 clogs lifted null 1",
                        "t=1000000000 bytes delivered 10.0.0.1:40000 -> 10.0.1.1:4500 3"),
                kernel.take());
    }

    @Test
    void aClogAtAWriteIsMade() throws IOException {
        RecordingKernel k = new RecordingKernel(NetworkConfig.builder()
                .clogging(1.0, Duration.ofMillis(10), Duration.ofMillis(10))
                .build());
        SimNetwork n = (SimNetwork) new NetworkPlugin().start(k);
        Listener listener = n.provide(Network.class, SERVER).orElseThrow().bind(LISTEN);
        Connection client = n.provide(Network.class, CLIENT).orElseThrow().connect(LISTEN);
        listener.accept();
        k.take();
        client.output().write(1);
        assertEquals(List.of("t=700000 clog made 10.0.0.1:40000 -> 10.0.1.1:4500 10000000"), k.take());
    }
}
