package org.grl4j.exporter;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a serialized ONNX model once in ONNX Runtime on float inputs (test helper). */
public final class OrtTestRunner {

    /** A float tensor: row-major data and its shape. */
    public record Tensor(float[] data, long... shape) {}

    private OrtTestRunner() {}

    /** Evaluates the model and returns every output flattened, by name. */
    public static Map<String, float[]> run(byte[] model, Map<String, Tensor> inputs)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(model, options)) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            try {
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    Tensor t = e.getValue();
                    feeds.put(
                            e.getKey(),
                            OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape()));
                }
                try (OrtSession.Result result = session.run(feeds)) {
                    Map<String, float[]> out = new LinkedHashMap<>();
                    for (Map.Entry<String, OnnxValue> e : result) {
                        FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
                        float[] data = new float[buffer.remaining()];
                        buffer.get(data);
                        out.put(e.getKey(), data);
                    }
                    return out;
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    /**
     * max_i |actual_i - expected_i| / max_i |expected_i|: the error relative to the output size.
     */
    public static double relativeError(double[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException(
                    "lengths differ: expected " + expected.length + ", actual " + actual.length);
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxDiff / Math.max(maxRef, Double.MIN_NORMAL);
    }
}
