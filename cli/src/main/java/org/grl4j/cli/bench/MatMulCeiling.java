package org.grl4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.exporter.onnx.OnnxGraphBuilder;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.onnx.Value;
import org.grl4j.trainer.network.GradMode;

/**
 * The machine's float32 matrix-product rate: C = A B with square n x n matrices, through ONNX
 * Runtime (a one-node MatMul graph, MLAS kernels) and through DJL's PyTorch engine (oneDNN/MKL), in
 * FLOP per second (2 n^3 per product). The best of the measured rates is the ceiling the sampling
 * throughput is compared with.
 */
final class MatMulCeiling {

    private MatMulCeiling() {}

    static double flop(int n) {
        return 2.0 * n * n * n;
    }

    /** Wall time of each of {@code repeats} products through ONNX Runtime. */
    static Timings onnx(int n, int threads, int warmup, int repeats) throws OrtException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("matmul");
        Value a = graph.input("a", n, n);
        Value b = graph.initializer("b", random(n * n, 2), n, n);
        graph.output("c", graph.matMul(a, b));
        byte[] bytes = OnnxModelFiles.toBytes(graph.build(Map.of()));

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            try (OrtSession session = environment.createSession(bytes, options);
                    OnnxTensor input =
                            OnnxTensor.createTensor(
                                    environment,
                                    FloatBuffer.wrap(random(n * n, 1)),
                                    new long[] {n, n})) {
                Map<String, OnnxTensor> inputs = Map.of("a", input);
                for (int i = 0; i < warmup; i++) {
                    session.run(inputs).close();
                }
                double[] nanos = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    session.run(inputs).close();
                    nanos[i] = System.nanoTime() - start;
                }
                return new Timings(nanos);
            }
        }
    }

    /** Wall time of each of {@code repeats} products through DJL on the current engine threads. */
    static Timings djl(int n, int warmup, int repeats) {
        try (GradMode.Scope ignored = GradMode.disabled();
                NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(random(n * n, 1), new Shape(n, n));
            NDArray b = manager.create(random(n * n, 2), new Shape(n, n));
            for (int i = 0; i < warmup; i++) {
                a.matMul(b).close();
            }
            double[] nanos = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // the product is computed eagerly; this only pins the result
                nanos[i] = System.nanoTime() - start;
                c.close();
            }
            return new Timings(nanos);
        }
    }

    private static float[] random(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }
}
