/**
 * Example systems and their simulations; {@link io.moonpool.examples.Main} runs the README's example.
 */
package io.moonpool.examples;
