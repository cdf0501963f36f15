package io.moonpool.sim.internal.runner;

import io.moonpool.sim.BuggifySite;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The buggify sites of one simulation across its iterations, in the order first seen. */
public final class BuggifyTable {

    /** The counts of one site. */
    static final class Site {
        final String name;
        final List<Long> seedsActive = new ArrayList<>();
        // the iteration index (in the run's seed sequence) of each seed in seedsActive
        final List<Long> iterationsActive = new ArrayList<>();
        long calls;
        long fired;
        long firstIteration;

        Site(String name) {
            this.name = name;
        }
    }

    /** The seeds of one swarm operation. */
    static final class Operation {
        long seeds;
        long seedsOn;
        long firstIteration;
    }

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    // the index, in the run's seed sequence, of the iteration running now
    private long current;

    /** An empty table. */
    public BuggifyTable() {}

    /**
     * Tells the table which iteration of the run's seed sequence runs next (see {@link AssertionTable#at(long)}).
     *
     * @param index the iteration's index in the seed sequence
     */
    public void at(long index) {
        this.current = index;
    }

    /** The index given to {@link #at(long)} last. */
    long current() {
        return current;
    }

    Operation operation(String name) {
        return operations.computeIfAbsent(name, n -> {
            Operation o = new Operation();
            o.firstIteration = current;
            return o;
        });
    }

    /**
     * Every swarm operation used.
     *
     * @return the operations, in the order first seen
     */
    public List<io.moonpool.sim.SwarmOperation> operations() {
        List<io.moonpool.sim.SwarmOperation> all = new ArrayList<>();
        operations.forEach((name, o) -> all.add(new io.moonpool.sim.SwarmOperation(name, o.seedsOn, o.seeds)));
        return all;
    }

    Site site(String name) {
        return sites.computeIfAbsent(name, n -> {
            Site s = new Site(n);
            s.firstIteration = current;
            return s;
        });
    }

    /**
     * Every site seen.
     *
     * @return the sites, in the order first seen
     */
    public List<BuggifySite> results() {
        List<BuggifySite> all = new ArrayList<>();
        for (Site s : sites.values()) {
            all.add(new BuggifySite(s.name, s.seedsActive, s.calls, s.fired));
        }
        return all;
    }

    /**
     * For each site of {@link #results()}: the iteration it was first seen in.
     *
     * @return the indexes, in the same order
     */
    public List<Long> siteFirstIterations() {
        return sites.values().stream().map(s -> s.firstIteration).toList();
    }

    /**
     * For each site of {@link #results()}: the iteration index of each of its {@code seedsActive}.
     *
     * @return the indexes, in the same order
     */
    public List<List<Long>> activeIterations() {
        return sites.values().stream().map(s -> List.copyOf(s.iterationsActive)).toList();
    }

    /**
     * For each operation of {@link #operations()}: the iteration it was first seen in.
     *
     * @return the indexes, in the same order
     */
    public List<Long> operationFirstIterations() {
        return operations.values().stream().map(o -> o.firstIteration).toList();
    }

    /**
     * Adds what another table counted, as if its iterations had run on this table after this table's own (see
     * {@link AssertionTable#merge(AssertionTable)}).
     *
     * @param later a table whose iterations all come after this table's
     */
    public void merge(BuggifyTable later) {
        later.sites.forEach((name, o) -> {
            Site s = sites.get(name);
            if (s == null) {
                s = new Site(name);
                s.firstIteration = o.firstIteration;
                sites.put(name, s);
            }
            s.seedsActive.addAll(o.seedsActive);
            s.iterationsActive.addAll(o.iterationsActive);
            s.calls += o.calls;
            s.fired += o.fired;
        });
        later.operations.forEach((name, o) -> {
            Operation mine = operations.get(name);
            if (mine == null) {
                mine = new Operation();
                mine.firstIteration = o.firstIteration;
                operations.put(name, mine);
            }
            mine.seeds += o.seeds;
            mine.seedsOn += o.seedsOn;
        });
    }

    /**
     * Writes what this table counted, for a worker JVM to send it back.
     *
     * @param out the stream
     * @throws IOException if it cannot be written
     */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(sites.size());
        for (Site s : sites.values()) {
            WireText.write(out, s.name);
            out.writeLong(s.firstIteration);
            out.writeLong(s.calls);
            out.writeLong(s.fired);
            out.writeInt(s.seedsActive.size());
            for (int i = 0; i < s.seedsActive.size(); i++) {
                out.writeLong(s.seedsActive.get(i));
                out.writeLong(s.iterationsActive.get(i));
            }
        }
        out.writeInt(operations.size());
        for (Map.Entry<String, Operation> e : operations.entrySet()) {
            WireText.write(out, e.getKey());
            out.writeLong(e.getValue().firstIteration);
            out.writeLong(e.getValue().seeds);
            out.writeLong(e.getValue().seedsOn);
        }
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @param in the stream
     * @return the table
     * @throws IOException if it cannot be read
     */
    public static BuggifyTable readFrom(DataInputStream in) throws IOException {
        BuggifyTable t = new BuggifyTable();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Site s = new Site(WireText.read(in));
            s.firstIteration = in.readLong();
            s.calls = in.readLong();
            s.fired = in.readLong();
            int active = in.readInt();
            for (int a = 0; a < active; a++) {
                s.seedsActive.add(in.readLong());
                s.iterationsActive.add(in.readLong());
            }
            t.sites.put(s.name, s);
        }
        int ops = in.readInt();
        for (int i = 0; i < ops; i++) {
            String name = WireText.read(in);
            Operation o = new Operation();
            o.firstIteration = in.readLong();
            o.seeds = in.readLong();
            o.seedsOn = in.readLong();
            t.operations.put(name, o);
        }
        return t;
    }
}
