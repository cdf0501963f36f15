/** The annotation that makes a method returning a {@code SimulationBuilder} a JUnit test. */
package io.moonpool.junit;
