package io.moonpool.sim.internal.runner;

import io.moonpool.sim.internal.kernel.Kernel;
import java.util.random.RandomGenerator;

/**
 * {@code ctx.random()}: the simulation stream, whose every value drawn is also folded into the trace hash, so that
 * two runs that draw different values at the same instants have different hashes. It draws exactly what the
 * stream would: the values are the stream's own.
 */
final class TracedRandom implements RandomGenerator {

    private final RandomGenerator stream;
    private final Kernel kernel;
    private final java.util.zip.CRC32C digest = new java.util.zip.CRC32C();

    TracedRandom(RandomGenerator stream, Kernel kernel) {
        this.stream = stream;
        this.kernel = kernel;
    }

    private long fold(long v) {
        kernel.trace(v);
        return v;
    }

    private double fold(double v) {
        kernel.trace(Double.doubleToRawLongBits(v));
        return v;
    }

    @Override
    public long nextLong() {
        return fold(stream.nextLong());
    }

    @Override
    public long nextLong(long bound) {
        return fold(stream.nextLong(bound));
    }

    @Override
    public long nextLong(long origin, long bound) {
        return fold(stream.nextLong(origin, bound));
    }

    @Override
    public int nextInt() {
        return (int) fold(stream.nextInt());
    }

    @Override
    public int nextInt(int bound) {
        return (int) fold(stream.nextInt(bound));
    }

    @Override
    public int nextInt(int origin, int bound) {
        return (int) fold(stream.nextInt(origin, bound));
    }

    @Override
    public boolean nextBoolean() {
        return fold(stream.nextBoolean() ? 1 : 0) == 1;
    }

    @Override
    public double nextDouble() {
        return fold(stream.nextDouble());
    }

    @Override
    public double nextDouble(double bound) {
        return fold(stream.nextDouble(bound));
    }

    @Override
    public double nextDouble(double origin, double bound) {
        return fold(stream.nextDouble(origin, bound));
    }

    @Override
    public float nextFloat() {
        float v = stream.nextFloat();
        kernel.trace(Float.floatToRawIntBits(v));
        return v;
    }

    @Override
    public double nextGaussian() {
        return fold(stream.nextGaussian());
    }

    @Override
    public double nextGaussian(double mean, double stddev) {
        return fold(stream.nextGaussian(mean, stddev));
    }

    @Override
    public double nextExponential() {
        return fold(stream.nextExponential());
    }

    @Override
    public void nextBytes(byte[] bytes) {
        stream.nextBytes(bytes);
        digest.reset();
        digest.update(bytes);
        kernel.trace(digest.getValue());
    }
}
