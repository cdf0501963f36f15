/**
 * The production providers behind {@code io.moonpool.runtime.NodeRuntime}: not exported, not an API.
 */
package io.moonpool.runtime.internal;
