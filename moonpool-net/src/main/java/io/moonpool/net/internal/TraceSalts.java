package io.moonpool.net.internal;

/**
 * The salts that tag each network fault decision folded into the trace hash, one constant per decision.
 *
 * <p>A decision is folded as its salt, or as its salt XOR the value it chose (a bit index, a piece length,
 * an instant), so that two different decisions that choose the same value still leave different traces. The
 * values are part of every chaos seed's recorded trace hash: changing one changes those hashes, so a
 * change needs a reason in its commit message. The hex digits spell the decision, loosely
 * ({@code F11B} "flip", {@code 9A57} "part", {@code C106} "clog", {@code C07} "cut", {@code 4EA1} "heal").
 */
final class TraceSalts {

    /** A bit-flip fault flipped a delivered bit; folded XOR the bit's index within the piece. */
    static final long BIT_FLIP = 0xF11BL;

    /** An injector cut a pair of nodes; folded XOR the partition's length in nanoseconds. */
    static final long PARTITION = 0x9A57L;

    /** An injector cut one direction between two nodes; folded XOR the cut's length in nanoseconds. */
    static final long ONE_WAY_CUT = 0x1C07L;

    /** An injector cut what a node sends; folded XOR the cut's length in nanoseconds. */
    static final long SEND_ISOLATION = 0x5E9DC07L;

    /** An injector cut what a node receives; folded XOR the cut's length in nanoseconds. */
    static final long RECEIVE_ISOLATION = 0x9EC7C07L;

    /** An injector cut a group of nodes from the rest; folded XOR the cut's length in nanoseconds. */
    static final long GROUP_CUT = 0x69C07L;

    /** An injector healed a pair; folded XOR how many cuts stopped holding it. */
    static final long HEAL = 0x4EA1L;

    /** An injector healed every cut; folded XOR how many were in force. */
    static final long HEAL_ALL = 0x4EA1A11L;

    /** Bytes were delivered; folded XOR their CRC32C, so the trace hash covers what was delivered, not only when. */
    static final long DATA = 0xDA7A_0000_0000L;

    /** A new partition reset one connection between the pair it cuts. */
    static final long PARTITION_RESET = 0x9A57E5L;

    /** An injector clogged connections of a node; folded XOR how many it clogged. */
    static final long INJECTED_CLOG = 0xC106L;

    /** A partial-I/O fault shortened a read; folded XOR the number of bytes the read returns. */
    static final long SHORT_READ = 0x9A271A1L;

    /** A random-close fault closed a connection silently at a write: nothing more is delivered. */
    static final long SILENT_CLOSE = 0x5113E7L;

    /** A random-close fault reset a connection at a write, as if a reset had arrived. */
    static final long RANDOM_RESET = 0xC105EL;

    /** A clogging fault clogged a connection's outgoing pipe at a write; folded XOR when the clog ends. */
    static final long WRITE_CLOG = 0xC1066L;

    /** A partial-I/O fault split a write into pieces; folded XOR where each piece ends within the write. */
    static final long SPLIT_WRITE = 0x9A27L;

    private TraceSalts() {}
}
