package org.grl4j.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.BrownianBridgePath;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.trainer.network.Activation;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.DoubleReference;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.Networks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss against an independent double-precision computation on a tiny network with fixed times
 * and noise. The network's output is recomputed in double from its float32 weights, and the loss
 * formula is written here from DESIGN.md section 2.3.
 */
class LossOracleTest {

    /**
     * The loss is a mean of squares of float32 quantities built in a few operations from inputs of
     * size ~1; the largest coefficients (1/sigma, 2 sigma/g^2 for t in [0.1, 0.9]) stay below 20,
     * so a float32 evaluation agrees with double to ~1e-6 relative; 1e-5 is the acceptance bound.
     */
    private static final double LOSS_TOLERANCE = 1e-5;

    private static final int ROWS = 6;
    private static final int WIDTH = 2;
    private static final int CONDITION = 2;

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** h(t, x, c) = MLP([t, x, c]) with two tanh layers of width 8. */
    private IntrinsicModel tinyNetwork(long seed) {
        MultiLayerPerceptron mlp =
                new MultiLayerPerceptron(
                        List.of(1 + WIDTH + CONDITION, 8, 8), WIDTH, Activation.TANH);
        IntrinsicModel model =
                new IntrinsicModel(WIDTH, CONDITION, null, null, new ConcatenateMlp(mlp));
        Networks.initialize(model, manager, seed, model.inputShapes(ROWS));
        return model;
    }

    private static double[][] reference(
            IntrinsicModel model, double[] t, double[][] x, double[][] c) {
        double[][] inputs = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            inputs[i] = new double[] {t[i], x[i][0], x[i][1], c[i][0], c[i][1]};
        }
        return new DoubleReference(Networks.namedParameters(model))
                .mlp("model.backbone.model.", 2, "tanh", inputs);
    }

    private static Stream<Arguments> pathsAndParameterizations() {
        List<GaussianPath> paths =
                List.of(new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath());
        return paths.stream()
                .flatMap(
                        path ->
                                Stream.of(Parameterization.values())
                                        .map(p -> Arguments.of(path, p)));
    }

    private static final double[] TIMES = {0.1, 0.25, 0.4, 0.55, 0.7, 0.9};

    private static double[] floatTimes() {
        double[] t = new double[TIMES.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) TIMES[i];
        }
        return t;
    }

    @ParameterizedTest
    @MethodSource("pathsAndParameterizations")
    void scoreMatchingLossEqualsDoublePrecisionComputation(
            GaussianPath path, Parameterization type) {
        IntrinsicModel model = tinyNetwork(3);
        float[] data = floats(ROWS * WIDTH, 11);
        float[] condition = floats(ROWS * CONDITION, 12);
        float[] noise = floats(ROWS * WIDTH, 13);
        double[] t = floatTimes();
        ScoreMatchingLoss loss = new ScoreMatchingLoss(model, path, type, TimeSampling.vanilla());

        double actual =
                evaluate(
                        batch -> loss.loss(store(), batch, new GaussianDraw(t, noise)),
                        data,
                        condition);

        double[][] x0 = DoubleReference.rows(data, WIDTH);
        double[][] n = DoubleReference.rows(noise, WIDTH);
        double[][] xt = new double[ROWS][WIDTH];
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < WIDTH; k++) {
                xt[i][k] = path.scale(t[i]) * x0[i][k] + path.std(t[i]) * n[i][k];
            }
        }
        double[][] h = reference(model, t, xt, DoubleReference.rows(condition, CONDITION));
        double expected = 0;
        for (int i = 0; i < ROWS; i++) {
            double s = path.scale(t[i]);
            double sigma = path.std(t[i]);
            double f = path.driftCoefficient(t[i]);
            double g2 = path.diffusionSquared(t[i]);
            for (int k = 0; k < WIDTH; k++) {
                double predicted =
                        switch (type) {
                            case NOISE_FUNCTION -> h[i][k];
                            case SCORE_FUNCTION -> -sigma * h[i][k];
                            case DATA_PREDICTION_FUNCTION -> (xt[i][k] - s * h[i][k]) / sigma;
                            case VELOCITY_FUNCTION -> (h[i][k] - f * xt[i][k]) * 2 * sigma / g2;
                        };
                expected += 0.5 * Math.pow(predicted - n[i][k], 2) / ROWS;
            }
        }
        assertEquals(expected, actual, LOSS_TOLERANCE * Math.abs(expected), path + " " + type);
    }

    @ParameterizedTest
    @MethodSource("pathsAndParameterizations")
    void flowMatchingLossEqualsDoublePrecisionComputation(
            GaussianPath path, Parameterization type) {
        IntrinsicModel model = tinyNetwork(4);
        float[] data = floats(ROWS * WIDTH, 21);
        float[] condition = floats(ROWS * CONDITION, 22);
        float[] noise = floats(ROWS * WIDTH, 23);
        double[] t = floatTimes();
        FlowMatchingLoss loss = new FlowMatchingLoss(model, path, type);

        double actual =
                evaluate(
                        batch -> loss.loss(store(), batch, new GaussianDraw(t, noise)),
                        data,
                        condition);

        double[][] x0 = DoubleReference.rows(data, WIDTH);
        double[][] n = DoubleReference.rows(noise, WIDTH);
        double[][] xt = new double[ROWS][WIDTH];
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < WIDTH; k++) {
                xt[i][k] = path.scale(t[i]) * x0[i][k] + path.std(t[i]) * n[i][k];
            }
        }
        double[][] h = reference(model, t, xt, DoubleReference.rows(condition, CONDITION));
        double expected = 0;
        for (int i = 0; i < ROWS; i++) {
            double s = path.scale(t[i]);
            double sigma = path.std(t[i]);
            double f = path.driftCoefficient(t[i]);
            double g2 = path.diffusionSquared(t[i]);
            for (int k = 0; k < WIDTH; k++) {
                double noiseFromH =
                        switch (type) {
                            case NOISE_FUNCTION -> h[i][k];
                            case SCORE_FUNCTION -> -sigma * h[i][k];
                            case DATA_PREDICTION_FUNCTION -> (xt[i][k] - s * h[i][k]) / sigma;
                            case VELOCITY_FUNCTION -> Double.NaN;
                        };
                double velocity =
                        type == Parameterization.VELOCITY_FUNCTION
                                ? h[i][k]
                                : f * xt[i][k] + g2 * noiseFromH / (2 * sigma);
                double target = path.dScaleDt(t[i]) * x0[i][k] + path.dStdDt(t[i]) * n[i][k];
                expected += 0.5 * Math.pow(velocity - target, 2) / ROWS;
            }
        }
        assertEquals(expected, actual, LOSS_TOLERANCE * Math.abs(expected), path + " " + type);
    }

    @Test
    void independentCfmLossEqualsDoublePrecisionComputation() {
        IntrinsicModel model = tinyNetwork(5);
        ConstantNoisePath path = new ConstantNoisePath(0.1);
        ConditionalFlowMatchingLoss loss = ConditionalFlowMatchingLoss.independent(model, path);
        checkCfm(loss, model, null, path, false);
    }

    @Test
    void optimalTransportCfmLossPairsByBruteForceOptimumAndKeepsConditionsWithData() {
        IntrinsicModel model = tinyNetwork(6);
        ConstantNoisePath path = new ConstantNoisePath(0.1);
        ConditionalFlowMatchingLoss loss =
                ConditionalFlowMatchingLoss.optimalTransport(model, path);
        checkCfm(loss, model, null, path, true);
    }

    @Test
    void sampledOptimalTransportDrawsPairsOfThePlanWithReplacementOnTheSameStreams() {
        IntrinsicModel model = tinyNetwork(6);
        ConstantNoisePath path = new ConstantNoisePath(0.1);
        ConditionalFlowMatchingLoss sampled =
                ConditionalFlowMatchingLoss.optimalTransport(model, path)
                        .withCoupling(
                                ConditionalFlowMatchingLoss.Coupling.OPTIMAL_TRANSPORT_SAMPLED);
        ConditionalFlowMatchingLoss.Draw draw = checkCfm(sampled, model, null, path, true);
        int[] rows = draw.dataRows();
        assertEquals(ROWS, rows.length);
        assertTrue(
                Arrays.stream(rows).distinct().count() < ROWS,
                "seed 34 draws some pair twice: " + Arrays.toString(rows));
        ConditionalFlowMatchingLoss.Draw permutation =
                checkCfm(
                        ConditionalFlowMatchingLoss.optimalTransport(model, path),
                        model,
                        null,
                        path,
                        true);
        assertNull(permutation.dataRows());
        assertArrayEquals(permutation.t(), draw.t(), "times unchanged");
        assertArrayEquals(permutation.noise(), draw.noise(), "noise unchanged");
    }

    @Test
    void schrodingerBridgeLossAddsTheScoreTermWithGaussianNoise() {
        IntrinsicModel velocity = tinyNetwork(7);
        IntrinsicModel score = tinyNetwork(8);
        BrownianBridgePath path = new BrownianBridgePath(0.5);
        ConditionalFlowMatchingLoss loss =
                ConditionalFlowMatchingLoss.schrodingerBridge(velocity, score, path);
        checkCfm(loss, velocity, score, path, true);
    }

    /** Checks the loss against a double-precision computation and returns its draws. */
    private ConditionalFlowMatchingLoss.Draw checkCfm(
            ConditionalFlowMatchingLoss loss,
            IntrinsicModel velocity,
            IntrinsicModel score,
            org.grl4j.models.path.InterpolationPath path,
            boolean optimalTransport) {
        float[] data = floats(ROWS * WIDTH, 31);
        float[] condition = floats(ROWS * CONDITION, 32);
        float[] source = floats(ROWS * WIDTH, 33);
        ConditionalFlowMatchingLoss.Draw[] draw = new ConditionalFlowMatchingLoss.Draw[1];

        double actual;
        try (NDManager scope = manager.newSubManager()) {
            TrainingBatch batch =
                    new TrainingBatch(
                            scope.create(data, new Shape(ROWS, WIDTH)),
                            scope.create(condition, new Shape(ROWS, CONDITION)),
                            scope.create(source, new Shape(ROWS, WIDTH)));
            draw[0] = loss.draw(batch, new SplittableRandom(34));
            actual = loss.loss(new ParameterStore(scope, false), batch, draw[0]).getFloat();
        }
        double[] t = draw[0].t();
        double[][] z = DoubleReference.rows(draw[0].noise(), WIDTH);
        double[][] x1 = DoubleReference.rows(data, WIDTH);
        double[][] x0 = DoubleReference.rows(source, WIDTH);
        if (optimalTransport) {
            x0 = bruteForcePairing(x0, x1);
        }
        double[][] c = DoubleReference.rows(condition, CONDITION);
        int[] pairs = draw[0].dataRows();
        if (pairs != null) {
            x0 = select(x0, pairs);
            x1 = select(x1, pairs);
            c = select(c, pairs);
        }
        double[][] xt = new double[ROWS][WIDTH];
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < WIDTH; k++) {
                xt[i][k] = (1 - t[i]) * x0[i][k] + t[i] * x1[i][k] + path.std(t[i]) * z[i][k];
            }
        }
        double[][] v = reference(velocity, t, xt, c);
        double[][] s = score == null ? null : reference(score, t, xt, c);
        double expected = 0;
        for (int i = 0; i < ROWS; i++) {
            double sigma = path.std(t[i]);
            double mean;
            for (int k = 0; k < WIDTH; k++) {
                mean = (1 - t[i]) * x0[i][k] + t[i] * x1[i][k];
                double target = path.dLogStdDt(t[i]) * (xt[i][k] - mean) + x1[i][k] - x0[i][k];
                if (path instanceof ConstantNoisePath) {
                    target = x1[i][k] - x0[i][k];
                }
                expected += 0.5 * Math.pow(v[i][k] - target, 2) / ROWS;
                if (s != null) {
                    expected += 0.5 * Math.pow(sigma * s[i][k] + z[i][k], 2) / ROWS;
                }
            }
        }
        assertEquals(expected, actual, LOSS_TOLERANCE * Math.abs(expected));
        return draw[0];
    }

    private static double[][] select(double[][] rows, int[] order) {
        double[][] out = new double[order.length][];
        for (int k = 0; k < order.length; k++) {
            out[k] = rows[order[k]];
        }
        return out;
    }

    /** The source rows reordered by the permutation of least total squared distance. */
    private static double[][] bruteForcePairing(double[][] source, double[][] data) {
        int[] best = bestPermutation(source, data);
        double[][] paired = new double[source.length][];
        for (int j = 0; j < source.length; j++) {
            paired[j] = source[best[j]];
        }
        return paired;
    }

    static int[] bestPermutation(double[][] source, double[][] data) {
        int n = source.length;
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        int[] best = permutation.clone();
        double bestCost = Double.POSITIVE_INFINITY;
        do {
            double cost = 0;
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < source[0].length; k++) {
                    cost += Math.pow(source[permutation[j]][k] - data[j][k], 2);
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = permutation.clone();
            }
        } while (nextPermutation(permutation));
        return best;
    }

    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            swap = a[l];
            a[l] = a[r];
            a[r] = swap;
        }
        return true;
    }

    private ParameterStore currentStore;

    private ParameterStore store() {
        return currentStore;
    }

    private double evaluate(
            java.util.function.Function<TrainingBatch, NDArray> loss,
            float[] data,
            float[] condition) {
        try (NDManager scope = manager.newSubManager()) {
            currentStore = new ParameterStore(scope, false);
            TrainingBatch batch =
                    new TrainingBatch(
                            scope.create(data, new Shape(ROWS, WIDTH)),
                            scope.create(condition, new Shape(ROWS, CONDITION)),
                            null);
            NDArray value = loss.apply(batch);
            assertTrue(value.getShape().isScalar(), "the loss is a scalar");
            return value.getFloat();
        }
    }

    private static float[] floats(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
