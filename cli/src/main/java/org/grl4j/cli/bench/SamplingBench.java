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

    SamplingBench(BatchNetwork network, int steps) {
        DiffusionModel model =
                new DiffusionModel(StandardNetwork.PATH, Parameterization.NOISE_FUNCTION, network);
        this.sampler = Sampler.builder(model).solver(Solvers.euler(steps)).build();
    }

    /** Wall time of each of {@code repeats} calls that draw {@code samples} rows at once. */
    Timings throughput(int samples, int warmup, int repeats) {
        for (int i = 0; i < warmup; i++) {
            sampler.sample(samples, 1000 + i);
        }
        double[] nanos = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            sampler.sample(samples, i);
            nanos[i] = System.nanoTime() - start;
        }
        return new Timings(nanos);
    }

    /** Wall time of each of {@code runs} single-sample calls. */
    Timings latency(int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            sampler.sample(1, 1000 + i);
        }
        double[] nanos = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sampler.sample(1, i);
            nanos[i] = System.nanoTime() - start;
        }
        return new Timings(nanos);
    }
}
