/**
 * The simulated disks' configuration: {@link io.moonpool.storage.StorageConfig}, given to the builder with
 * {@code configure(...)}. The disks themselves are reached through {@code ctx.storage()}.
 */
package io.moonpool.storage;
