/**
 * Built-in fault injectors, each registered as a {@code FaultInjector} service and named with
 * {@code @InjectorName}:
 * <ul>
 *   <li>{@code attrition} ({@link io.moonpool.faults.AttritionInjector}): reboots live processes at random,
 *       at most {@code maxDead} down at once; enabled with {@code .attrition(...)} on the builder, or with
 *       {@code .faults("attrition")} for its defaults;</li>
 *   <li>{@code rolling_restart} ({@link io.moonpool.faults.RollingRestart}): reboots each process in turn,
 *       gracefully, waiting for it to come back;</li>
 *   <li>{@code partition_random} ({@link io.moonpool.faults.PartitionRandom}): cuts a random pair of
 *       processes for a while, again and again;</li>
 *   <li>{@code partition_isolate_single} ({@link io.moonpool.faults.PartitionIsolateSingle}): cuts one
 *       process off from every other;</li>
 *   <li>{@code partition_split} ({@link io.moonpool.faults.PartitionSplit}): splits a minority of processes
 *       off from the rest;</li>
 *   <li>{@code partition_random_oneway} ({@link io.moonpool.faults.PartitionRandomOneWay}),
 *       {@code partition_isolate_single_oneway} ({@link io.moonpool.faults.PartitionIsolateSingleOneWay}) and
 *       {@code partition_split_oneway} ({@link io.moonpool.faults.PartitionSplitOneWay}): the same shapes,
 *       each cut in one direction only, so that one side still hears the other;</li>
 *   <li>{@code partition_zone} ({@link io.moonpool.faults.PartitionZone}) and {@code partition_datacenter}
 *       ({@link io.moonpool.faults.PartitionDatacenter}): cut one random zone or datacenter of the layout from
 *       the rest of the cluster;</li>
 *   <li>{@code swizzle} ({@link io.moonpool.faults.Swizzle}): clogs a shrinking share of one process's
 *       connections, then restores them in reverse order.</li>
 * </ul>
 * All but {@code attrition} and {@code rolling_restart} need {@code moonpool-net}; every one but
 * {@code attrition} is enabled with {@code .faults(name)}.
 */
package io.moonpool.faults;
