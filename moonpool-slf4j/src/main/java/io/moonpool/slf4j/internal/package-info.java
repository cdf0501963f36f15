/**
 * The loggers of {@code moonpool-slf4j}, the choice of the delegate provider and the recorded level. Not exported.
 */
package io.moonpool.slf4j.internal;
