package io.jenkins.plugins.signedwebhook.core.outbound;

import java.util.random.RandomGenerator;

/** A random source that always draws the same fraction, so jittered delays are exact in tests. */
public record FixedRandom(double fraction) implements RandomGenerator {
    @Override
    public long nextLong() {
        return (long) (fraction * Long.MAX_VALUE);
    }

    @Override
    public double nextDouble() {
        return fraction;
    }

    @Override
    public int nextInt(int bound) {
        return (int) (fraction * bound);
    }
}
