package plainort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads an exported model with nothing but the ONNX Runtime API and evaluates it on a fixed batch.
 * Run in a separate JVM whose class path holds only ONNX Runtime and this class, so the test proves
 * the file needs no grl4j code. Prints one fact per line: inputs with their shapes, metadata, and
 * the output h of rows t = (r + 1) / 4, x[r][j] = 0.1 (r + 1) - 0.2 j, condition 0.3.
 */
public final class PlainOrtRun {

    private PlainOrtRun() {}

    public static void main(String[] args) throws Exception {
        int rows = 3;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(args[0])) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            for (Map.Entry<String, NodeInfo> input :
                    new TreeMap<>(session.getInputInfo()).entrySet()) {
                long[] shape = ((TensorInfo) input.getValue().getInfo()).getShape();
                System.out.println(
                        "input " + input.getKey() + " " + java.util.Arrays.toString(shape));
                int width = shape.length == 1 ? 1 : (int) shape[1];
                float[] data = new float[rows * width];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < width; j++) {
                        data[r * width + j] = value(input.getKey(), r, j);
                    }
                }
                long[] concrete = shape.length == 1 ? new long[] {rows} : new long[] {rows, width};
                feeds.put(
                        input.getKey(),
                        OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), concrete));
            }
            for (Map.Entry<String, String> entry :
                    new TreeMap<>(session.getMetadata().getCustomMetadata()).entrySet()) {
                System.out.println("meta " + entry.getKey() + "=" + entry.getValue());
            }
            try (OrtSession.Result result = session.run(feeds)) {
                FloatBuffer h = ((OnnxTensor) result.get("h").get()).getFloatBuffer();
                StringBuilder line = new StringBuilder("h");
                while (h.hasRemaining()) {
                    line.append(' ').append(h.get());
                }
                System.out.println(line);
            }
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** The fixed input value of row r, column j. */
    public static float value(String input, int r, int j) {
        switch (input) {
            case "t":
                return (r + 1) / 4f;
            case "x":
                return 0.1f * (r + 1) - 0.2f * j;
            default:
                return 0.3f;
        }
    }
}
