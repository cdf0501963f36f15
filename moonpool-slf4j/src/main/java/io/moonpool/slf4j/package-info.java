/**
 * The SLF4J provider that puts user logging inside a simulation into the iteration's timeline:
 * {@link io.moonpool.slf4j.TimelineServiceProvider}.
 */
package io.moonpool.slf4j;
