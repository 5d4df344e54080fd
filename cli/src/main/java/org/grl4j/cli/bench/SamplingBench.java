package org.grl4j.cli.bench;

import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.DiffusionModel;

/**
 * Times grl4j's sampling loop, Euler on the probability-flow ODE of the benchmark's diffusion model
 * from t = 1 to 0 (one network call per step), over any {@link BatchNetwork}: ONNX Runtime or DJL,
 * so both engines run the same Java loop and differ only in the network call.
 */
final class SamplingBench {

    private final Sampler sampler;
    private final Runnable beforeEach;
    private long seed;

    /**
     * @param beforeEach run before every timed call, outside the timing (DJL's thread count is
     *     process-wide, so each DJL trial sets its own)
     */
    SamplingBench(BatchNetwork network, int steps, Runnable beforeEach) {
        DiffusionModel model =
                new DiffusionModel(StandardNetwork.PATH, Parameterization.NOISE_FUNCTION, network);
        this.sampler = Sampler.builder(model).solver(Solvers.euler(steps)).build();
        this.beforeEach = beforeEach;
    }

    SamplingBench(BatchNetwork network, int steps) {
        this(network, steps, () -> {});
    }

    /** The wall time of one call that draws {@code samples} rows at once, in nanoseconds. */
    long throughputOnce(int samples) {
        beforeEach.run();
        long start = System.nanoTime();
        sampler.sample(samples, seed++);
        return System.nanoTime() - start;
    }

    /** The wall time of each of {@code calls} single-sample calls, in nanoseconds. */
    double[] latency(int calls) {
        beforeEach.run();
        double[] nanos = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            sampler.sample(1, seed++);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
