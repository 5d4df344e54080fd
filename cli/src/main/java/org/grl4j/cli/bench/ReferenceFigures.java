package org.grl4j.cli.bench;

import java.util.OptionalDouble;

/**
 * PyTorch 1.13 (Debian build) figures for the standard network on this machine kind, from
 * shared/reference/benchmarks.md, which the table compares with. Times in milliseconds, rates in
 * samples per second; each for 1 and 2 threads.
 */
final class ReferenceFigures {

    private ReferenceFigures() {}

    /** 10 000 samples x 20 Euler steps: 5.2 s on 1 thread, 9.0 s on 2. */
    static OptionalDouble samplesPerSecond(int threads) {
        return byThreads(threads, 10_000 / 5.2, 10_000 / 9.0);
    }

    /** One sample, 20 steps. */
    static OptionalDouble latencyMillis(int threads) {
        return byThreads(threads, 12.1, 9.6);
    }

    /** One score-matching Adam step at batch 1024 or 4096. */
    static OptionalDouble trainingStepMillis(int batch, int threads) {
        return switch (batch) {
            case 1024 -> byThreads(threads, 74, 345);
            case 4096 -> byThreads(threads, 306, 823);
            default -> OptionalDouble.empty();
        };
    }

    /**
     * The float32 matrix-product ceiling beside those figures, GFLOP/s: about 190-200 on one core
     * (oneDNN, AVX-512) and about 190 on two cores (OpenBLAS's AVX2 kernel, which the Debian
     * PyTorch build uses).
     */
    static OptionalDouble ceilingGflops(int threads) {
        return byThreads(threads, 195, 190);
    }

    private static OptionalDouble byThreads(int threads, double one, double two) {
        return switch (threads) {
            case 1 -> OptionalDouble.of(one);
            case 2 -> OptionalDouble.of(two);
            default -> OptionalDouble.empty();
        };
    }
}
