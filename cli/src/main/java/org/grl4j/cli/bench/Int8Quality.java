package org.grl4j.cli.bench;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.grl4j.models.data.Datasets;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;

/**
 * How far the int8 file's outputs are from the float file's, for the bench table's note: both are
 * evaluated on the same random rows (t ~ U(0, 1), x ~ N(0, I)) and the error is max |h_int8 -
 * h_float| / max |h_float| over all of them, the measure the exporter's parity check uses.
 */
final class Int8Quality {

    private static final int ROWS = 256;

    private Int8Quality() {}

    /** The largest relative error over {@value #ROWS} random rows. */
    static double relativeError(Path floatFile, Path int8File) {
        try (OnnxNetwork exact = OnnxNetwork.load(floatFile, OnnxNetworkOptions.cpu());
                OnnxNetwork quantized = OnnxNetwork.load(int8File, OnnxNetworkOptions.cpu())) {
            int d = exact.xSize();
            SplittableRandom random = new SplittableRandom(17);
            double[] t = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                t[i] = random.nextDouble();
            }
            double[] x = Datasets.standardNormal(ROWS, d, 18).toArray();
            double[] h = new double[ROWS * d];
            double[] q = new double[ROWS * d];
            exact.evaluate(ROWS, t, x, null, h);
            quantized.evaluate(ROWS, t, x, null, q);
            double largestError = 0;
            double largest = 0;
            for (int i = 0; i < h.length; i++) {
                largestError = Math.max(largestError, Math.abs(q[i] - h[i]));
                largest = Math.max(largest, Math.abs(h[i]));
            }
            return largestError / Math.max(largest, Double.MIN_NORMAL);
        }
    }

    /** The table note for the int8 latency row. */
    static String describe(Path floatFile, Path int8File) {
        return String.format(
                "int8 weights; h within %.2f%% of the float file (max over %d rows)",
                100 * relativeError(floatFile, int8File), ROWS);
    }
}
