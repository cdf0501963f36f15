/**
 * The simulated network's implementation: nodes, listeners, connections as pairs of pipes, faults.
 * Not exported.
 */
package io.moonpool.net.internal;
