/** The Moonpool test engine: discovery, execution, the seed corpus and progress lines; not exported. */
package io.moonpool.junit.internal;
