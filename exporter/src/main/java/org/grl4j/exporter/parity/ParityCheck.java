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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.exporter.onnx.NetworkSignature;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.Quantization;
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
            if (!signature.tangent()) {
                return new ParityReport(options.rows(), valueError, Double.NaN, 0, options);
            }
            float[] plus = runDjl(network, manager, signature, batch, batch.shifted(+1, options));
            float[] minus = runDjl(network, manager, signature, batch, batch.shifted(-1, options));
            return tangentReport(
                    valueError,
                    new Differences(h, plus, minus, options.tangentStep(), signature.xSize()),
                    onnx.get(NetworkSignature.H_TANGENT),
                    options);
        }
    }

    /**
     * Compares h_tangent with the central difference on the rows where the network is
     * differentiable along the probe: a row whose forward and backward differences disagree by more
     * than {@value #KINK_FRACTION} of the tangent's scale has a kink (ReLU, ELU, SELU) inside the
     * step, where no difference quotient is the derivative; such rows are left out and counted, and
     * more than half of them fails the check.
     */
    private static ParityReport tangentReport(
            double valueError, Differences d, float[] onnxTangent, ParityOptions options) {
        int rows = options.rows();
        double scale = Math.max(d.maxAbs(d.central), NOISE_FLOOR * d.maxAbs(d.value));
        scale = Math.max(scale, Double.MIN_NORMAL);
        double maxDifference = 0;
        int used = 0;
        for (int r = 0; r < rows; r++) {
            if (d.sidesDisagree(r) > KINK_FRACTION * scale) {
                continue;
            }
            used++;
            for (int j = 0; j < d.width; j++) {
                int i = r * d.width + j;
                double difference = Math.abs(onnxTangent[i] - d.central[i]);
                maxDifference =
                        Double.isNaN(difference) ? Double.NaN : Math.max(maxDifference, difference);
            }
        }
        double tangentError = used * 2 < rows ? Double.POSITIVE_INFINITY : maxDifference / scale;
        return new ParityReport(rows, valueError, tangentError, used, options);
    }

    /** Share of the tangent's scale by which one-sided differences may differ on a smooth row. */
    private static final double KINK_FRACTION = 0.1;

    /**
     * Float32 differences with step δ carry rounding noise of about 1.2e-7 |h| / δ (1.2e-4 |h| at
     * the default step): errors are measured against at least this share of |h|, so that a network
     * whose Jacobian is tiny next to its output is not failed by noise alone.
     */
    private static final double NOISE_FLOOR = 0.2;

    /** Forward, backward and central differences of h along the probe, row-major [N, D]. */
    private static final class Differences {
        final int width;
        final float[] value;
        final double[] forward;
        final double[] backward;
        final double[] central;

        Differences(float[] h, float[] plus, float[] minus, double step, int width) {
            this.width = width;
            this.value = h;
            forward = new double[h.length];
            backward = new double[h.length];
            central = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                forward[i] = ((double) plus[i] - h[i]) / step;
                backward[i] = ((double) h[i] - minus[i]) / step;
                central[i] = (forward[i] + backward[i]) / 2;
            }
        }

        double maxAbs(double[] values) {
            double max = 0;
            for (double v : values) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }

        double maxAbs(float[] values) {
            double max = 0;
            for (float v : values) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }

        double sidesDisagree(int row) {
            double worst = 0;
            for (int j = 0; j < width; j++) {
                int i = row * width + j;
                worst = Math.max(worst, Math.abs(forward[i] - backward[i]));
            }
            return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
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

    /**
     * The graph's outputs for the batch: in one call, or one row per call for a quantized model
     * (its input scales are per call, and the sampler evaluates it one row per call).
     */
    private static Map<String, float[]> runOnnx(
            ModelProto model, NetworkSignature signature, Batch batch) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
                OrtSession session =
                        environment.createSession(model.toByteArray(), sessionOptions)) {
            if (!isQuantized(model)) {
                return runOnnx(environment, session, signature, batch);
            }
            Map<String, float[]> outputs = new HashMap<>();
            for (int row = 0; row < batch.rows; row++) {
                Map<String, float[]> one =
                        runOnnx(environment, session, signature, batch.row(row, signature));
                for (var entry : one.entrySet()) {
                    float[] all =
                            outputs.computeIfAbsent(
                                    entry.getKey(),
                                    k -> new float[batch.rows * entry.getValue().length]);
                    float[] part = entry.getValue();
                    System.arraycopy(part, 0, all, row * part.length, part.length);
                }
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime could not run the exported graph: " + e.getMessage(), e);
        }
    }

    /** Whether the model card in the metadata declares quantized weights. */
    public static boolean isQuantized(ModelProto model) {
        return model.getMetadataPropsList().stream()
                .anyMatch(
                        entry ->
                                entry.getKey().equals(ModelCard.KEY_QUANTIZATION)
                                        && !entry.getValue()
                                                .equals(Quantization.NONE.configName()));
    }

    private static Map<String, float[]> runOnnx(
            OrtEnvironment environment, OrtSession session, NetworkSignature signature, Batch batch)
            throws OrtException {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
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

        /** Row {@code i} alone, as a batch of one. */
        Batch row(int i, NetworkSignature signature) {
            int d = signature.xSize();
            int c = signature.conditionSize();
            return new Batch(
                    1,
                    new float[] {t[i]},
                    Arrays.copyOfRange(x, i * d, (i + 1) * d),
                    Arrays.copyOfRange(condition, i * c, (i + 1) * c),
                    Arrays.copyOfRange(direction, i * d, (i + 1) * d));
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
