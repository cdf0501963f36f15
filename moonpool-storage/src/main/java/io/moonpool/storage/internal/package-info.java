/**
 * The simulated disks' implementation: files as inodes with durable and unforced state, channels, faults.
 * Not exported.
 */
package io.moonpool.storage.internal;
