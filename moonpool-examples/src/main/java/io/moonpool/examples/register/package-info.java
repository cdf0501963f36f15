/**
 * A replicated register under attrition: three servers keep a versioned value in memory, a writer
 * replicates to a majority, and a rebooted server catches up from its peers before serving.
 */
package io.moonpool.examples.register;
