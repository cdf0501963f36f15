/**
 * Fault injection: the kinds of reboot, the built-in attrition configuration, and the plugin interface
 * through which fault injectors act on the simulated cluster during the chaos phase.
 */
package io.moonpool.api.fault;
