package io.moonpool.api;

import io.moonpool.api.config.ConfigurationProblems;

/**
 * Where a process runs: its datacenter, zone and machine, each named by an id that is unique in the whole
 * cluster. The simulator names them hierarchically, {@code dc1}, {@code dc1-z1}, {@code dc1-z1-m1}, so that
 * the first machine of one zone is never confused with the first machine of another.
 *
 * @param datacenter the id of the process's datacenter, e.g. {@code dc1}; not blank
 * @param zone       the id of its zone, e.g. {@code dc1-z1}; not blank, unique across datacenters
 * @param machine    the id of its machine, e.g. {@code dc1-z1-m1}; not blank, unique across zones
 */
public record Locality(String datacenter, String zone, String machine) {

    /**
     * Validates the ids.
     *
     * @throws ConfigurationException naming each id that is null or blank
     */
    public Locality {
        ConfigurationProblems problems = new ConfigurationProblems("locality");
        check(problems, "datacenter", datacenter);
        check(problems, "zone", zone);
        check(problems, "machine", machine);
        problems.throwIfAny();
    }

    private static void check(ConfigurationProblems problems, String name, String id) {
        if (id == null || id.isBlank()) {
            problems.add("locality " + name + " id must be a non-blank string, e.g. " + example(name) + ", was "
                    + (id == null ? "null" : "'" + id + "'"));
        }
    }

    private static String example(String name) {
        return switch (name) {
            case "datacenter" -> "\"dc1\"";
            case "zone" -> "\"dc1-z1\"";
            default -> "\"dc1-z1-m1\"";
        };
    }

    /**
     * The id of this process's domain of one level.
     *
     * @param domain {@link FailureDomain#MACHINE}, {@link FailureDomain#ZONE} or {@link FailureDomain#DATACENTER}
     * @return {@link #machine()}, {@link #zone()} or {@link #datacenter()}
     * @throws IllegalArgumentException for {@link FailureDomain#PROCESS}: a process is named by its IP, which a
     *                                  locality does not hold
     * @throws NullPointerException     if {@code domain} is null
     */
    public String id(FailureDomain domain) {
        return switch (java.util.Objects.requireNonNull(domain, "domain")) {
            case MACHINE -> machine;
            case ZONE -> zone;
            case DATACENTER -> datacenter;
            case PROCESS ->
                throw new IllegalArgumentException("a process is named by its IP (InetAddress.getHostAddress()),"
                        + " not by its locality: ask for MACHINE, ZONE or DATACENTER");
        };
    }
}
