package org.grl4j.exporter.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.exporter.onnx.NetworkSignature;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.trainer.network.GradMode;

/**
 * Checks that an exported ONNX graph computes what its DJL network computes: both evaluate the same
 * random batch (see {@link ParityOptions}) and the relative error max |onnx - djl| / max |djl| of h
 * is compared with the tolerance. For a tangent model, h_tangent is compared with the central
 * difference (h(x + δv) - h(x - δv)) / 2δ of the DJL network along the same direction v.
 *
 * <p>The network must follow the batch contract: {@code forward(NDList(t [N], x [N, D][, condition
 * [N, C]]))} returns h [N, D]. It is evaluated without recording gradients and is not changed. The
 * check runs at export time and on its own, for a file exported earlier.
 */
public final class ParityCheck {

    private ParityCheck() {}

    /** Checks an ONNX file against the network it was exported from. */
    public static ParityReport check(Block network, Path onnxFile, ParityOptions options) {
        return check(network, OnnxModelFiles.read(onnxFile), options);
    }

    /** Checks an ONNX model against the network it was exported from. */
    @SuppressWarnings("try") // the gradient scope only closes
    public static ParityReport check(Block network, ModelProto model, ParityOptions options) {
        NetworkSignature signature = NetworkSignature.of(model);
        Batch batch = Batch.draw(signature, options);
        Map<String, float[]> onnx = runOnnx(model, signature, batch);
        try (NDManager manager = NDManager.newBaseManager();
                GradMode.Scope noGradients = GradMode.disabled()) {
            float[] h = runDjl(network, manager, signature, batch, batch.x);
            double valueError = relativeError(h, onnx.get(NetworkSignature.H));
            double tangentError = Double.NaN;
            if (signature.tangent()) {
                float[] plus =
                        runDjl(network, manager, signature, batch, batch.shifted(+1, options));
                float[] minus =
                        runDjl(network, manager, signature, batch, batch.shifted(-1, options));
                float[] difference = new float[plus.length];
                for (int i = 0; i < plus.length; i++) {
                    difference[i] =
                            (float) (((double) plus[i] - minus[i]) / (2 * options.tangentStep()));
                }
                tangentError = relativeError(difference, onnx.get(NetworkSignature.H_TANGENT));
            }
            return new ParityReport(options.rows(), valueError, tangentError, options);
        }
    }

    /**
     * Throws when the report failed, with the errors and what to look at.
     *
     * @return the report, when it passed
     * @throws ParityException if an error exceeds its tolerance
     */
    public static ParityReport requirePassed(ParityReport report) {
        if (!report.passed()) {
            throw new ParityException(
                    "the ONNX graph does not reproduce the DJL network: "
                            + report.summary()
                            + "; an exporter does not match its block's forward (check custom"
                            + " exporters and the block configuration)",
                    report);
        }
        return report;
    }

    /** max_i |actual_i - reference_i| / max_i |reference_i|; NaN anywhere gives NaN. */
    public static double relativeError(float[] reference, float[] actual) {
        if (reference.length != actual.length) {
            throw new IllegalArgumentException(
                    "outputs differ in size: DJL gave "
                            + reference.length
                            + " values, ONNX Runtime "
                            + actual.length);
        }
        double maxDifference = 0;
        double maxReference = 0;
        for (int i = 0; i < reference.length; i++) {
            double difference = Math.abs((double) actual[i] - reference[i]);
            if (Double.isNaN(difference)) {
                return Double.NaN;
            }
            maxDifference = Math.max(maxDifference, difference);
            maxReference = Math.max(maxReference, Math.abs(reference[i]));
        }
        return maxReference == 0 ? maxDifference : maxDifference / maxReference;
    }

    private static float[] runDjl(
            Block network, NDManager manager, NetworkSignature signature, Batch batch, float[] x) {
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs =
                    new NDList(
                            scope.create(batch.t),
                            scope.create(x, new Shape(batch.rows, signature.xSize())));
            if (signature.conditional()) {
                inputs.add(
                        scope.create(
                                batch.condition, new Shape(batch.rows, signature.conditionSize())));
            }
            NDArray h =
                    network.forward(new ParameterStore(scope, false), inputs, false)
                            .singletonOrThrow();
            return h.toFloatArray();
        }
    }

    private static Map<String, float[]> runOnnx(
            ModelProto model, NetworkSignature signature, Batch batch) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
                OrtSession session =
                        environment.createSession(model.toByteArray(), sessionOptions)) {
            long n = batch.rows;
            feeds.put(NetworkSignature.T, tensor(environment, batch.t, n));
            feeds.put(NetworkSignature.X, tensor(environment, batch.x, n, signature.xSize()));
            if (signature.conditional()) {
                feeds.put(
                        NetworkSignature.CONDITION,
                        tensor(environment, batch.condition, n, signature.conditionSize()));
            }
            if (signature.tangent()) {
                feeds.put(
                        NetworkSignature.X_TANGENT,
                        tensor(environment, batch.direction, n, signature.xSize()));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                Map<String, float[]> outputs = new HashMap<>();
                for (var entry : result) {
                    FloatBuffer buffer = ((OnnxTensor) entry.getValue()).getFloatBuffer();
                    float[] values = new float[buffer.remaining()];
                    buffer.get(values);
                    outputs.put(entry.getKey(), values);
                }
                return outputs;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime could not run the exported graph: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(OrtEnvironment environment, float[] data, long... shape)
            throws OrtException {
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), shape);
    }

    /** The random inputs of one check, float32 row-major. */
    private record Batch(int rows, float[] t, float[] x, float[] condition, float[] direction) {

        static Batch draw(NetworkSignature signature, ParityOptions options) {
            SplittableRandom random = new SplittableRandom(options.seed());
            int n = options.rows();
            float[] t = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = (float) random.nextDouble();
            }
            float[] x = gaussians(random, n * signature.xSize());
            float[] condition = gaussians(random, n * signature.conditionSize());
            float[] direction = gaussians(random, n * signature.xSize());
            return new Batch(n, t, x, condition, direction);
        }

        float[] shifted(int sign, ParityOptions options) {
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = (float) (x[i] + sign * options.tangentStep() * direction[i]);
            }
            return out;
        }

        private static float[] gaussians(SplittableRandom random, int count) {
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                double u = random.nextDouble();
                double v = random.nextDouble();
                out[i] = (float) (Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v));
            }
            return out;
        }
    }
}
