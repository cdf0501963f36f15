/**
 * JMH benchmarks of Moonpool's hot paths, each subject beside a baseline measured in the same run.
 *
 * <p>See {@code benchmarks/README.md} for how to build, run and read them.
 */
package io.moonpool.benchmarks;
