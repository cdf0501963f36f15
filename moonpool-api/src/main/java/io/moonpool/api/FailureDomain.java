package io.moonpool.api;

/**
 * The unit a fault takes down: one process, or every process of a machine, a zone or a datacenter.
 *
 * <p>The domains nest: a process runs on one machine, a machine stands in one zone, a zone belongs to one
 * datacenter ({@link Locality}). A {@link Topology} lists the processes of each domain
 * ({@link Topology#ipsIn}) and the ids of every domain of a level ({@link Topology#domains}).
 */
public enum FailureDomain {
    /** One process, named by its IP ({@link java.net.InetAddress#getHostAddress()}). */
    PROCESS,
    /** Every process of one machine: they share its fate (a power loss, a kernel panic) and, if so configured, its disk. */
    MACHINE,
    /** Every machine of one zone (a rack, a power or network domain). */
    ZONE,
    /** Every zone of one datacenter. */
    DATACENTER
}
