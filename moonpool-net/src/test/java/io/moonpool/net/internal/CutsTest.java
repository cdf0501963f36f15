package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
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
 * One-way cuts, isolations, group cuts and heals, driven on a kernel of the test's own: which direction each
 * holds, what a heal releases and when, and what the timeline says.
 */
class CutsTest {

    private static final InetAddress CLIENT = ip("10.0.0.1");
    private static final InetAddress SERVER = ip("10.0.1.1");
    private static final InetAddress OTHER = ip("10.0.1.2");
    private static final InetAddress THIRD = ip("10.0.1.3");
    private static final long SECOND = 1_000_000_000L;
    /** Where the first connection of a test is open: one connect of 700 us. */
    private static final long OPEN = 700_000L;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private RecordingKernel kernel;
    private SimNetwork net;
    private NetworkControl control;

    CutsTest() {
        on(new RecordingKernel());
    }

    /** Starts this test's network, afresh, on {@code k}. */
    private void on(RecordingKernel k) {
        kernel = k;
        net = (SimNetwork) new NetworkPlugin().start(k);
        control = net;
    }

    private Network network(InetAddress ip) {
        return net.provide(Network.class, ip).orElseThrow();
    }

    /** A connection from {@code from} to a listener on {@code to}: the client end, then the server end. */
    private Connection[] pair(InetAddress from, InetAddress to, int port) throws IOException {
        Listener l = network(to).bind(new InetSocketAddress(to, port));
        Connection client = network(from).connect(new InetSocketAddress(to, port));
        return new Connection[] {client, l.accept()};
    }

    /** Writes one byte each way, waits a second, and says which arrived: "a->b", "b->a". */
    private String exchange(Connection[] p) throws IOException {
        p[0].output().write(1);
        p[1].output().write(2);
        kernel.runUntil(kernel.now() + SECOND);
        String got =
                (p[1].input().available() > 0 ? "a->b" : "") + (p[0].input().available() > 0 ? " b->a" : "");
        return got.trim();
    }

    @Test
    void aOneWayCutFromClientToServerHoldsRequestsWhileRepliesFlow() throws IOException {
        Connection[] p = pair(CLIENT, SERVER, 4500);
        kernel.take();
        control.cut(CLIENT, SERVER, Duration.ofSeconds(5));
        p[0].output().write(new byte[3]); // a request: held
        p[1].output().write(new byte[2]); // the server's bytes: they reach the client
        kernel.runUntil(OPEN + SECOND);
        assertEquals(0, p[1].input().available(), "the server receives nothing while the cut lasts");
        assertEquals(2, p[0].input().available(), "what the server sends flows");
        kernel.runUntil(OPEN + 5 * SECOND);
        assertEquals(3, p[1].input().available(), "released, in order, when the cut ends");
        assertEquals(
                List.of(
                        "t=700000 one-way cut made 10.0.0.1 -> 10.0.1.1 5000000000",
                        "t=1050000 bytes delivered 10.0.1.1:4500 -> 10.0.0.1:40000 2",
                        "t=5000700000 bytes delivered 10.0.0.1:40000 -> 10.0.1.1:4500 3"),
                kernel.take());
    }

    @Test
    void aOneWayCutFromServerToClientHoldsRepliesWhileRequestsFlow() throws IOException {
        Connection[] p = pair(CLIENT, SERVER, 4500);
        control.cut(SERVER, CLIENT, Duration.ofSeconds(5));
        assertEquals("a->b", exchange(p));
        kernel.runUntil(OPEN + 5 * SECOND);
        assertEquals(1, p[0].input().available());
    }

    @Test
    void isPartitionedAnswersPerDirectionAndForgetsACutPastItsTime() {
        control.cut(CLIENT, SERVER, Duration.ofSeconds(5));
        assertTrue(control.isPartitioned(CLIENT, SERVER));
        assertFalse(control.isPartitioned(SERVER, CLIENT));
        control.partition(SERVER, OTHER, Duration.ofSeconds(2));
        assertTrue(control.isPartitioned(SERVER, OTHER));
        assertTrue(control.isPartitioned(OTHER, SERVER));
        assertFalse(control.isPartitioned(CLIENT, OTHER));
        kernel.runUntil(2 * SECOND);
        assertFalse(control.isPartitioned(OTHER, SERVER), "the two-way partition ran its course");
        assertTrue(control.isPartitioned(CLIENT, SERVER));
        kernel.runUntil(5 * SECOND);
        assertFalse(control.isPartitioned(CLIENT, SERVER));
    }

    @Test
    void anIsolatedSenderStillReceivesAndEveryoneElseTalks() throws IOException {
        Connection[] toServer = pair(CLIENT, SERVER, 4500);
        Connection[] serverToOther = pair(SERVER, OTHER, 4501);
        Connection[] clientToOther = pair(CLIENT, OTHER, 4502);
        control.isolateSend(SERVER, Duration.ofSeconds(30));
        assertEquals("a->b", exchange(toServer), "the client reaches the server, the server not the client");
        assertEquals("b->a", exchange(serverToOther), "the other reaches the server, the server not the other");
        assertEquals("a->b b->a", exchange(clientToOther));
        assertTrue(control.isPartitioned(SERVER, THIRD), "a node the server has never talked to is cut too");
        assertFalse(control.isPartitioned(THIRD, SERVER));
    }

    @Test
    void anIsolatedReceiverStillSends() throws IOException {
        Connection[] toServer = pair(CLIENT, SERVER, 4500);
        Connection[] serverToOther = pair(SERVER, OTHER, 4501);
        control.isolateReceive(SERVER, Duration.ofSeconds(30));
        assertEquals("b->a", exchange(toServer));
        assertEquals("a->b", exchange(serverToOther));
        assertTrue(control.isPartitioned(THIRD, SERVER));
        assertFalse(control.isPartitioned(SERVER, THIRD));
    }

    @Test
    void aGroupCutKeepsTrafficInsideAndCutsEveryoneOutsideIncludingWorkloads() throws IOException {
        Connection[] inside = pair(SERVER, OTHER, 4500);
        Connection[] workloadToMember = pair(CLIENT, SERVER, 4501);
        Connection[] memberToOutsider = pair(OTHER, THIRD, 4502);
        Connection[] outside = pair(CLIENT, THIRD, 4503);
        control.isolate(List.of(SERVER, OTHER, SERVER), Duration.ofSeconds(30));
        assertEquals("a->b b->a", exchange(inside));
        assertEquals("", exchange(workloadToMember));
        assertEquals("", exchange(memberToOutsider));
        assertEquals("a->b b->a", exchange(outside));
        assertTrue(control.isPartitioned(ip("10.0.0.9"), OTHER), "every node outside, known or not");
        assertEquals(
                List.of("t=" + (4 * OPEN) + " group cut made {10.0.1.1, 10.0.1.2} -/- * 30000000000"),
                kernel.take().stream().filter(e -> e.contains("cut made")).toList());
    }

    @Test
    void aConnectAcrossAOneWayCutWaitsEitherWay() throws IOException {
        network(SERVER).bind(new InetSocketAddress(SERVER, 4500));
        network(CLIENT).bind(new InetSocketAddress(CLIENT, 4500));
        control.cut(SERVER, CLIENT, Duration.ofSeconds(3));
        network(CLIENT).connect(new InetSocketAddress(SERVER, 4500));
        assertEquals(3 * SECOND, kernel.now(), "the replies could not come back: a connect waits for them");
        control.cut(SERVER, CLIENT, Duration.ofSeconds(3));
        long start = kernel.now();
        network(SERVER).connect(new InetSocketAddress(CLIENT, 4500));
        assertEquals(start + 3 * SECOND, kernel.now());
    }

    @Test
    void aHealBeforeTheDurationDeliversWhatWasHeldThenAndTheTimelineSaysSo() throws IOException {
        Connection[] p = pair(CLIENT, SERVER, 4500);
        kernel.take();
        control.cut(CLIENT, SERVER, Duration.ofHours(1));
        p[0].output().write(new byte[4]);
        kernel.runUntil(SECOND);
        assertEquals(0, p[1].input().available());
        control.heal(SERVER, CLIENT); // either order names the pair
        assertEquals(4, p[1].input().available(), "delivered at the heal, not an hour later");
        assertFalse(control.isPartitioned(CLIENT, SERVER));
        assertEquals(
                List.of(
                        "t=700000 one-way cut made 10.0.0.1 -> 10.0.1.1 3600000000000",
                        "t=1000000000 cuts healed 10.0.1.1 -/- 10.0.0.1 1",
                        "t=1000000000 bytes delivered 10.0.0.1:40000 -> 10.0.1.1:4500 4"),
                kernel.take());
        p[0].output().write(1);
        kernel.runUntil(2 * SECOND);
        assertEquals(5, p[1].input().available(), "later bytes flow with the usual latency");
    }

    @Test
    void aHealLetsAWaitingConnectThrough() throws IOException {
        network(SERVER).bind(new InetSocketAddress(SERVER, 4500));
        control.partition(CLIENT, SERVER, Duration.ofHours(1));
        kernel.schedule(2 * SECOND, () -> control.heal(CLIENT, SERVER));
        network(CLIENT).connect(new InetSocketAddress(SERVER, 4500));
        assertEquals(2 * SECOND, kernel.now(), "through at the heal");
    }

    @Test
    void healingAPairOfAnIsolationKeepsItsOtherPairsCut() throws IOException {
        Connection[] toClient = pair(SERVER, CLIENT, 4500);
        Connection[] toOther = pair(SERVER, OTHER, 4501);
        control.isolateSend(SERVER, Duration.ofHours(1));
        toClient[0].output().write(1);
        toOther[0].output().write(1);
        kernel.runUntil(SECOND);
        control.heal(SERVER, CLIENT);
        assertEquals(1, toClient[1].input().available(), "the healed pair's held byte goes at the heal");
        assertEquals(0, toOther[1].input().available());
        assertFalse(control.isPartitioned(SERVER, CLIENT));
        assertTrue(control.isPartitioned(SERVER, OTHER), "the server still reaches no one else");
        assertTrue(control.isPartitioned(SERVER, THIRD));
        control.isolateSend(SERVER, Duration.ofHours(1));
        assertTrue(control.isPartitioned(SERVER, CLIENT), "a new isolation cuts the healed pair again");
    }

    @Test
    void healAllLiftsEveryCutAndDeliversWhatEachHeld() throws IOException {
        Connection[] a = pair(CLIENT, SERVER, 4500);
        Connection[] b = pair(OTHER, THIRD, 4501);
        control.cut(CLIENT, SERVER, Duration.ofHours(1));
        control.isolate(List.of(THIRD), Duration.ofHours(1));
        control.isolateReceive(SERVER, Duration.ofSeconds(1)); // over before the heal: not counted
        a[0].output().write(1);
        b[0].output().write(1);
        kernel.runUntil(2 * SECOND);
        kernel.take();
        control.healAll();
        assertEquals(1, a[1].input().available());
        assertEquals(1, b[1].input().available());
        assertFalse(control.isPartitioned(CLIENT, SERVER));
        assertFalse(control.isPartitioned(OTHER, THIRD));
        List<String> entries = kernel.take();
        assertEquals("t=2000000000 all cuts healed null 2", entries.getFirst());
        assertEquals(3, entries.size(), "then the two held bytes: " + entries);
    }

    @Test
    void afterTheChaosPhaseNoCutIsMadeAndHealingDoesNothing() throws IOException {
        control.cut(CLIENT, SERVER, Duration.ofHours(1));
        kernel.chaos(false);
        net.onChaosEnd();
        assertFalse(control.isPartitioned(CLIENT, SERVER));
        kernel.take();
        control.cut(CLIENT, SERVER, Duration.ofHours(1));
        control.isolateSend(CLIENT, Duration.ofHours(1));
        control.isolateReceive(CLIENT, Duration.ofHours(1));
        control.isolate(List.of(CLIENT), Duration.ofHours(1));
        control.heal(CLIENT, SERVER);
        control.healAll();
        assertFalse(control.isPartitioned(CLIENT, SERVER));
        assertEquals(List.of(), kernel.take());
    }

    @Test
    void theEndOfChaosLiftsEachKindOfCutNamingIt() {
        control.cut(CLIENT, SERVER, Duration.ofHours(1));
        control.isolateSend(SERVER, Duration.ofHours(1));
        control.isolateReceive(SERVER, Duration.ofHours(1));
        kernel.take();
        kernel.chaos(false);
        net.onChaosEnd();
        assertEquals(
                List.of(
                        "t=0 partition lifted 10.0.0.1 -> 10.0.1.1 0",
                        "t=0 partition lifted 10.0.1.1 -> * 0",
                        "t=0 partition lifted * -> 10.0.1.1 0"),
                kernel.take());
    }

    @Test
    void aNodesOwnLoopbackIsNotCutByItsIsolation() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Listener l = network(SERVER).bind(new InetSocketAddress(loopback, 4500));
        control.isolateSend(SERVER, Duration.ofHours(1));
        control.isolateReceive(SERVER, Duration.ofHours(1));
        Connection client = network(SERVER).connect(new InetSocketAddress(loopback, 4500));
        assertTrue(kernel.now() < SECOND, "the connect did not wait");
        assertEquals("a->b b->a", exchange(new Connection[] {client, l.accept()}));
    }

    @Test
    void withPartitionResetsAOneWayCutResetsOnlyTheConnectionsBetweenItsPair() throws IOException {
        on(new RecordingKernel(NetworkConfig.builder().partitionResets(1.0).build()));
        Connection[] cut = pair(CLIENT, SERVER, 4500);
        Connection[] other = pair(CLIENT, OTHER, 4501);
        control.cut(SERVER, CLIENT, Duration.ofSeconds(5));
        kernel.runUntil(SECOND);
        assertThrows(SocketException.class, () -> cut[0].input().read());
        other[0].output().write(7);
        kernel.runUntil(2 * SECOND);
        assertEquals(7, other[1].input().read(), "a connection the cut does not touch is left alone");
    }

    @Test
    void withResetsOffACutDrawsNothingFromTheSimulationStream() throws IOException {
        pair(CLIENT, SERVER, 4500);
        long draws = kernel.simulationDraws();
        control.cut(CLIENT, SERVER, Duration.ofSeconds(5));
        control.isolateSend(SERVER, Duration.ofSeconds(5));
        control.isolate(List.of(SERVER, OTHER), Duration.ofSeconds(5));
        control.heal(CLIENT, SERVER);
        control.healAll();
        assertEquals(draws, kernel.simulationDraws());
    }

    @Test
    void aGroupOfThousandsIsOneCutAndItsEntryNamesTheFirstFewAndTheCount() throws IOException {
        List<InetAddress> group = new java.util.ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            group.add(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}));
        }
        control.isolate(group, Duration.ofSeconds(5));
        assertTrue(control.isPartitioned(group.get(3999), CLIENT));
        assertFalse(control.isPartitioned(group.get(3999), group.getFirst()));
        List<String> entries = kernel.take();
        assertEquals(1, entries.size(), "one cut, not a cut per pair");
        assertTrue(
                entries.getFirst()
                        .startsWith("t=0 group cut made {10.1.0.0, 10.1.0.1, 10.1.0.2, 10.1.0.3, 10.1.0.4, 10.1.0.5,"
                                + " 10.1.0.6, 10.1.0.7, ... (4000 nodes)} -/- * "),
                entries.getFirst());
    }

    @Test
    void overlappingPairCutsLiftTogetherAtAHealAndOneByOneAsTheyEnd() {
        control.partition(CLIENT, SERVER, Duration.ofSeconds(1));
        control.partition(SERVER, CLIENT, Duration.ofSeconds(1)); // the same pair, named the other way
        control.cut(CLIENT, SERVER, Duration.ofSeconds(3));
        control.heal(CLIENT, SERVER);
        assertFalse(control.isPartitioned(CLIENT, SERVER), "every one of them healed");
        control.partition(CLIENT, SERVER, Duration.ofSeconds(1));
        control.cut(SERVER, CLIENT, Duration.ofSeconds(3));
        kernel.runUntil(2 * SECOND);
        control.cut(OTHER, THIRD, Duration.ofSeconds(1)); // drops the partition past its time
        assertFalse(control.isPartitioned(CLIENT, SERVER));
        assertTrue(control.isPartitioned(SERVER, CLIENT), "the one-way cut is still in force");
        kernel.runUntil(3 * SECOND);
        assertFalse(control.isPartitioned(SERVER, CLIENT));
        control.partition(CLIENT, SERVER, Duration.ofSeconds(1));
        assertTrue(control.isPartitioned(SERVER, CLIENT));
    }

    @Test
    void withPartitionResetsAGroupCutResetsTheConnectionsAcrossAndKeepsThoseInside() throws IOException {
        on(new RecordingKernel(NetworkConfig.builder().partitionResets(1.0).build()));
        Connection[] inside = pair(SERVER, OTHER, 4500);
        Connection[] fromOutside = pair(CLIENT, SERVER, 4501);
        Connection[] toOutside = pair(OTHER, THIRD, 4502);
        fromOutside[1].close(); // the member's end is gone: the outsider's end is reset all the same
        control.isolate(List.of(SERVER, OTHER), Duration.ofSeconds(5));
        kernel.runUntil(SECOND);
        assertThrows(SocketException.class, () -> fromOutside[0].input().read());
        assertThrows(SocketException.class, () -> toOutside[1].input().read());
        inside[0].output().write(7);
        kernel.runUntil(2 * SECOND);
        assertEquals(7, inside[1].input().read(), "inside the group nothing is reset");
    }
}
