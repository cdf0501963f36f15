/**
 * Built-in fault injectors: {@code attrition} (enabled with {@code .attrition(...)} on the builder) and
 * {@code rolling_restart} (enabled with {@code .faults("rolling_restart")}).
 */
package io.moonpool.faults;
