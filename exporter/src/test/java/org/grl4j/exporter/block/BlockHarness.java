package org.grl4j.exporter.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.exporter.OrtTestRunner;
import org.grl4j.exporter.OrtTestRunner.Tensor;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.OnnxGraphBuilder;
import org.grl4j.exporter.onnx.Value;
import org.grl4j.trainer.network.GradMode;

/**
 * Exports one block on its own and compares ONNX Runtime with DJL on a random batch: the value in
 * float32, and (optionally) the tangent against a central difference of the block cast to float64.
 */
@SuppressWarnings("try") // gradient scopes only close
final class BlockHarness {

    /** One block input: width 0 means a vector [N]; {@code tangent} marks inputs that carry one. */
    record Input(String name, int width, boolean tangent) {
        static Input vector(String name) {
            return new Input(name, 0, false);
        }

        static Input matrix(String name, int width) {
            return new Input(name, width, false);
        }

        static Input state(String name, int width) {
            return new Input(name, width, true);
        }

        long[] shape(int rows) {
            return width == 0 ? new long[] {rows} : new long[] {rows, width};
        }

        int size(int rows) {
            return width == 0 ? rows : rows * width;
        }
    }

    /** Relative errors of the value and (NaN when not asked for) of the tangent. */
    record Errors(double value, double tangent) {}

    /** Central-difference step in double: truncation ~1e-12, rounding ~1e-10 relative. */
    private static final double STEP = 1e-6;

    private BlockHarness() {}

    /**
     * Compares {@code block} exported alone with DJL; when {@code twin64} (the same network with
     * its parameters in float64, see {@link #float64Twin}) is given, also checks the tangent.
     */
    static Errors compare(Block block, Block twin64, List<Input> inputs, int rows, long seed)
            throws OrtException {
        boolean withTangent = twin64 != null;
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> data = new HashMap<>();
        Map<String, float[]> directions = new HashMap<>();
        for (Input input : inputs) {
            data.put(input.name(), gaussians(random, input.size(rows)));
            directions.put(input.name(), gaussians(random, input.size(rows)));
        }

        Map<String, float[]> onnx = runOnnx(block, inputs, rows, data, directions, withTangent);
        double valueError;
        try (NDManager manager = NDManager.newBaseManager();
                GradMode.Scope noGradients = GradMode.disabled()) {
            double[] reference = forward(block, manager, inputs, rows, data, directions, 0, false);
            valueError = relativeError(reference, onnx.get("y"));
            if (!withTangent) {
                return new Errors(valueError, Double.NaN);
            }
            double[] plus = forward(twin64, manager, inputs, rows, data, directions, STEP, true);
            double[] minus = forward(twin64, manager, inputs, rows, data, directions, -STEP, true);
            double[] jvp = new double[plus.length];
            for (int i = 0; i < jvp.length; i++) {
                jvp[i] = (plus[i] - minus[i]) / (2 * STEP);
            }
            return new Errors(valueError, relativeError(jvp, onnx.get("y_tangent")));
        }
    }

    private static Map<String, float[]> runOnnx(
            Block block,
            List<Input> inputs,
            int rows,
            Map<String, float[]> data,
            Map<String, float[]> directions,
            boolean withTangent)
            throws OrtException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder("block");
        List<DualValue> duals = new ArrayList<>();
        Map<String, Tensor> feeds = new HashMap<>();
        for (Input input : inputs) {
            long[] shape =
                    input.width() == 0
                            ? new long[] {Value.BATCH}
                            : new long[] {Value.BATCH, input.width()};
            Value value = graph.input(input.name(), shape);
            feeds.put(input.name(), new Tensor(data.get(input.name()), input.shape(rows)));
            Value tangent = null;
            if (withTangent && input.tangent()) {
                tangent = graph.input(input.name() + "_tangent", shape);
                feeds.put(
                        input.name() + "_tangent",
                        new Tensor(directions.get(input.name()), input.shape(rows)));
            }
            duals.add(new DualValue(value, tangent));
        }
        ExportContext context = new ExportContext(BlockExporterRegistry.withBuiltIns(), graph);
        DualValue y = context.exportSingle(block, "block", duals.toArray(DualValue[]::new));
        graph.output("y", y.primal());
        if (withTangent) {
            graph.output("y_tangent", y.tangent());
        }
        return OrtTestRunner.run(graph.build(Map.of()).toByteArray(), feeds);
    }

    private static double[] forward(
            Block block,
            NDManager manager,
            List<Input> inputs,
            int rows,
            Map<String, float[]> data,
            Map<String, float[]> directions,
            double step,
            boolean inDouble) {
        try (NDManager scope = manager.newSubManager()) {
            NDList list = new NDList();
            for (Input input : inputs) {
                float[] x = data.get(input.name());
                float[] dx = directions.get(input.name());
                Shape shape = new Shape(input.shape(rows));
                if (inDouble) {
                    double[] shifted = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        shifted[i] = x[i] + (input.tangent() ? step * dx[i] : 0);
                    }
                    list.add(scope.create(shifted, shape));
                } else {
                    list.add(scope.create(x, shape));
                }
            }
            NDArray y = block.forward(new ParameterStore(scope, false), list, false).head();
            return y.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /**
     * Initializes {@code fresh} (built like {@code source}) in float64 and copies the parameters of
     * {@code source} into it, in their common order.
     */
    static Block float64Twin(Block source, Block fresh, NDManager manager, Shape... shapes) {
        fresh.initialize(manager, DataType.FLOAT64, shapes);
        var from = source.getParameters().values();
        var to = fresh.getParameters().values();
        try (GradMode.Scope noGradients = GradMode.disabled()) {
            for (int i = 0; i < from.size(); i++) {
                double[] values =
                        from.get(i).getArray().toType(DataType.FLOAT64, true).toDoubleArray();
                to.get(i).getArray().set(DoubleBuffer.wrap(values));
            }
        }
        return fresh;
    }

    static double relativeError(double[] expected, float[] actual) {
        return OrtTestRunner.relativeError(expected, actual);
    }

    static float[] gaussians(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            out[i] = (float) (Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v));
        }
        return out;
    }
}
