/**
 * Contracts to extend: provider contracts (time, tasks, network, storage) that run against any set of providers,
 * and the resource plugin contract.
 */
package io.moonpool.testkit;
