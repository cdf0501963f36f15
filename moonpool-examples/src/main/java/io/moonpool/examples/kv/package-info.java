/**
 * A replicated key-value store written once against the Moonpool API, run under simulation
 * ({@link io.moonpool.examples.kv.KvSimulation}) and on real nodes.
 *
 * <p><b>Design.</b> Three replicas; a single client coordinates.
 *
 * <ul>
 *   <li><b>Log.</b> Each replica appends every write to a write-ahead log of CRC32C-checksummed records
 *       ({@code WriteAheadLog}), forces it, and only then applies it in memory and acknowledges it. At boot it
 *       replays the log up to the first torn or corrupt record and truncates the log there.
 *   <li><b>Writes.</b> The client ({@link io.moonpool.examples.kv.KvClient}) sends a versioned value to every
 *       replica and counts it acknowledged once a majority answered "durable". Versions come from the single
 *       writer and only grow, so a replica keeps the highest version of each key and a retry is harmless.
 *   <li><b>Reads.</b> The client asks every replica, takes the highest version among a majority of answers,
 *       and writes it back to a majority first unless a majority already holds it (read repair). A majority
 *       read meets every majority write on at least one replica, so it sees every acknowledged write.
 *   <li><b>Catch-up.</b> A crash keeps what was forced, so a crashed replica still holds all it acknowledged.
 *       A wiped one does not: its log has no ready mark, and before it serves or votes it fetches the entries
 *       of every peer (each acknowledged write is on a majority, so on at least one of them) and logs them,
 *       then the ready mark. Until then it answers "not ready". At a cluster's first boot every replica is in
 *       that state and they catch up from each other's empty stores.
 *   <li><b>Anti-entropy.</b> A serving replica fetches its peers' entries at boot and every second, and logs
 *       what is newer: a write that reached only two replicas (the third was down) soon reaches the third,
 *       so losing the disks of those two one after the other does not lose it.
 *   <li><b>Wire.</b> Length-prefixed frames with a type byte and a CRC32C ({@code Wire}); a damaged frame
 *       drops the connection. The client times out every request, retries, and reconnects after any error.
 * </ul>
 *
 * <p><b>Limits.</b> One writer; no membership changes. Two replicas that lose their disks before the third
 * has learned a write from them lose it (the fault model is one replica down or wiped at a time, and
 * anti-entropy keeps that window to about a second).
 *
 * <p><b>Bugs on demand.</b> {@code -Dkv.bug=ack-before-force} acknowledges before forcing;
 * {@code -Dkv.bug=stale-read} reads from one replica with no repair (see {@link io.moonpool.examples.kv.KvBug}).
 */
package io.moonpool.examples.kv;
