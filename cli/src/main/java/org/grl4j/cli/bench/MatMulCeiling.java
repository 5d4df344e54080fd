package org.grl4j.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
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
 * Runtime (a one-node MatMul graph, MLAS kernels) or through DJL's PyTorch engine (oneDNN/MKL), 2
 * n^3 FLOP per product. The best rate measured in a run is the ceiling its sampling throughput is
 * compared with.
 */
abstract sealed class MatMulCeiling implements AutoCloseable {

    final int n;

    private MatMulCeiling(int n) {
        this.n = n;
    }

    /** FLOP of one product. */
    double flop() {
        return 2.0 * n * n * n;
    }

    /**
     * Products per timing: enough for about 1 GFLOP, so that a timing of a small (cache-resident)
     * product is not dominated by the call overhead or the clock.
     */
    int productsPerTiming() {
        return productsPerTiming(n);
    }

    /** {@link #productsPerTiming()} for size {@code n}. */
    static int productsPerTiming(int n) {
        return (int) Math.max(1, Math.round(1e9 / (2.0 * n * n * n)));
    }

    /** The wall time of {@link #productsPerTiming()} products, in nanoseconds. */
    long timeOnce() {
        long start = System.nanoTime();
        for (int i = 0; i < productsPerTiming(); i++) {
            multiply();
        }
        return System.nanoTime() - start;
    }

    /** One product. */
    abstract void multiply();

    @Override
    public abstract void close();

    /** A product through ONNX Runtime with {@code threads} intra-op threads. */
    static MatMulCeiling onnx(int n, int threads) {
        return new Onnx(n, threads);
    }

    /** A product through DJL with {@code threads} PyTorch threads. */
    static MatMulCeiling djl(int n, int threads) {
        return new Djl(n, threads);
    }

    private static final class Onnx extends MatMulCeiling {
        private final OrtSession session;
        private final OnnxTensor input;
        private final Map<String, OnnxTensor> inputs;

        Onnx(int n, int threads) {
            super(n);
            OnnxGraphBuilder graph = new OnnxGraphBuilder("matmul");
            Value a = graph.input("a", n, n);
            Value b = graph.initializer("b", random(n * n, 2), n, n);
            graph.output("c", graph.matMul(a, b));
            byte[] bytes = OnnxModelFiles.toBytes(graph.build(Map.of()));
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                session = environment.createSession(bytes, options);
                input =
                        OnnxTensor.createTensor(
                                environment, FloatBuffer.wrap(random(n * n, 1)), new long[] {n, n});
                inputs = Map.of("a", input);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot run a MatMul: " + e, e);
            }
        }

        @Override
        void multiply() {
            try {
                session.run(inputs).close();
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime MatMul failed: " + e, e);
            }
        }

        @Override
        public void close() {
            input.close();
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing the MatMul session failed: " + e, e);
            }
        }
    }

    private static final class Djl extends MatMulCeiling {
        private final int threads;
        private final NDManager manager;
        private final NDArray a;
        private final NDArray b;

        Djl(int n, int threads) {
            super(n);
            this.threads = threads;
            manager = NDManager.newBaseManager();
            a = manager.create(random(n * n, 1), new Shape(n, n));
            b = manager.create(random(n * n, 2), new Shape(n, n));
        }

        @Override
        long timeOnce() {
            JniUtils.setNumThreads(threads);
            try (GradMode.Scope ignored = GradMode.disabled()) {
                return super.timeOnce();
            }
        }

        @Override
        void multiply() {
            try (NDArray c = a.matMul(b)) {
                c.getFloat(0, 0); // eager already; reading one value pins the result
            }
        }

        @Override
        public void close() {
            manager.close();
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
