package org.grl4j.cli.bench;

import java.util.List;

/**
 * What {@code grl4j bench} measures and how often.
 *
 * @param samples rows per throughput call (10 000 in the reference)
 * @param steps Euler steps, one network evaluation each (20 in the reference)
 * @param threads the thread counts to measure every figure with (ONNX Runtime intra-op threads,
 *     PyTorch intra-op threads)
 * @param repeats timed repetitions of each throughput, training and matrix-product figure
 * @param warmup untimed repetitions before them
 * @param latencyRuns timed single-sample calls per engine and thread count (p50 and p99 over them)
 * @param latencyWarmup untimed single-sample calls before them
 * @param trainBatches the batch sizes of the training-step figure
 * @param trainSteps timed training steps per batch size and thread count
 * @param trainWarmup untimed training steps before them
 * @param matmulSizes the n of each n x n x n matrix product that measures the FLOP ceiling (small
 *     ones run from the caches, large ones from memory; the ceiling is the best)
 * @param hiddenSizes the backbone's hidden sizes ([512, 256, 128] is the standard shape)
 * @param seed the seed of the network's weights
 */
record BenchPlan(
        int samples,
        int steps,
        List<Integer> threads,
        int repeats,
        int warmup,
        int latencyRuns,
        int latencyWarmup,
        List<Integer> trainBatches,
        int trainSteps,
        int trainWarmup,
        List<Integer> matmulSizes,
        List<Integer> hiddenSizes,
        long seed) {

    BenchPlan {
        positive("samples", samples);
        positive("steps", steps);
        positiveList("threads", threads);
        positive("repeats", repeats);
        nonNegative("warmup", warmup);
        positive("latency-runs", latencyRuns);
        nonNegative("latency-warmup", latencyWarmup);
        positiveList("train-batches", trainBatches);
        positive("train-steps", trainSteps);
        nonNegative("train-warmup", trainWarmup);
        positiveList("matmul-sizes", matmulSizes);
        positiveList("hidden", hiddenSizes);
        threads = List.copyOf(threads);
        trainBatches = List.copyOf(trainBatches);
        hiddenSizes = List.copyOf(hiddenSizes);
        matmulSizes = List.copyOf(matmulSizes);
    }

    /** The reference measurement: the standard network, 10 000 x 20, 1 and 2 threads. */
    static BenchPlan standard() {
        return new BenchPlan(
                10_000,
                20,
                List.of(1, 2),
                3,
                1,
                300,
                30,
                List.of(1024, 4096),
                5,
                2,
                List.of(256, 512, 1024),
                StandardNetwork.STANDARD_HIDDEN,
                1);
    }

    /** Test-sized: a tiny network and a few calls of everything, in seconds. */
    static BenchPlan quick() {
        return new BenchPlan(
                64,
                3,
                List.of(1),
                1,
                1,
                5,
                1,
                List.of(32),
                2,
                1,
                List.of(64),
                List.of(16, 8, 4),
                1);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "--" + name + " is " + value + "; give a positive number");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "--" + name + " is " + value + "; give 0 or a positive number");
        }
    }

    private static void positiveList(String name, List<Integer> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is empty; give at least one value");
        }
        for (Integer value : values) {
            if (value == null || value <= 0) {
                throw new IllegalArgumentException(
                        "--" + name + " holds " + value + "; every value must be positive");
            }
        }
    }
}
