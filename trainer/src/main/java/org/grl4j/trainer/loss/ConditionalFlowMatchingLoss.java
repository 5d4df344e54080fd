package org.grl4j.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;
import org.grl4j.models.path.BrownianBridgePath;
import org.grl4j.models.path.InterpolationPath;
import org.grl4j.trainer.network.IntrinsicModel;

/**
 * Conditional flow matching for flow and bridge models (DESIGN.md section 2.3): independent CFM,
 * optimal-transport CFM and Schrodinger-bridge flow (SF2M). t = 0 is the source, t = 1 the data.
 *
 * <pre>
 *   x_0 = source row (N(0, I) unless the batch carries source rows),  x_1 = data row
 *   OPTIMAL_TRANSPORT: re-pair x_0 to x_1 by the exact minibatch assignment on squared Euclidean
 *                      cost (a permutation of the source rows; data rows keep their conditions)
 *   OPTIMAL_TRANSPORT_SAMPLED: the same assignment p, then B pairs drawn from it uniformly with
 *                      replacement: x_0 = source[p[j_k]], x_1 = data[j_k], j_k ~ U{0..B-1}
 *   t ~ U(tMin, tMax),  z ~ N(0, I)
 *   x_t = (1 - t) x_0 + t x_1 + sigma(t) z
 *   u   = sigma'(t) z + (x_1 - x_0)       (= (d log sigma/dt)(x_t - mu_t) + x_1 - x_0)
 *   loss = mean of 1/2 ||v(t, x_t, c) - u||^2
 *        + mean of 1/2 ||w(t) s(t, x_t, c) + z||^2     only with a score network, w = sigma(t)
 * </pre>
 *
 * With {@link org.grl4j.models.path.ConstantNoisePath} this is I-CFM / OT-CFM (Tong et al. 2024);
 * with {@link BrownianBridgePath} and a score network it is SF2M, whose score network then
 * estimates the score of the bridge marginal and is sampled with dx = [v + (sigma^2 / 2) s] dt +
 * sigma dW. GenerativeRL and the torchcfm runner draw the pairs from the plan with replacement
 * (OPTIMAL_TRANSPORT_SAMPLED; the exact plan of two equal uniform batches is a permutation divided
 * by B, so this resamples its pairs); the default uses the permutation as is. GenerativeRL draws
 * SF2M's z uniform; here z is Gaussian. The exact assignment (Jonker-Volgenant, models module)
 * costs O(B^3) per step in the worst case.
 */
public final class ConditionalFlowMatchingLoss implements TrainingObjective {

    /** How source and data rows are paired. */
    public enum Coupling {
        /** Rows are paired as they come (I-CFM). */
        INDEPENDENT,
        /** Exact minibatch optimal transport (OT-CFM, SF2M): the plan's permutation. */
        OPTIMAL_TRANSPORT,
        /** Exact minibatch optimal transport, B pairs drawn from the plan with replacement. */
        OPTIMAL_TRANSPORT_SAMPLED
    }

    /**
     * The random part of one minibatch: times, the (re-paired) source rows, the noise z and the
     * data row of each pair ({@code null}: row k of the batch).
     */
    public record Draw(double[] t, float[] source, float[] noise, int[] dataRows) {

        /** Draws whose pairs keep the batch's data rows in order. */
        public Draw(double[] t, float[] source, float[] noise) {
            this(t, source, noise, null);
        }
    }

    private final IntrinsicModel velocityModel;
    private final IntrinsicModel scoreModel;
    private final InterpolationPath path;
    private final Coupling coupling;
    private final double tMin;
    private final double tMax;

    /**
     * @param velocityModel v, a velocity network
     * @param scoreModel s, or null to train the velocity alone
     * @param path sigma(t) of the interpolation
     * @param coupling how rows are paired
     * @param tMin the smallest time, at least 0
     * @param tMax the largest time, at most 1
     */
    public ConditionalFlowMatchingLoss(
            IntrinsicModel velocityModel,
            IntrinsicModel scoreModel,
            InterpolationPath path,
            Coupling coupling,
            double tMin,
            double tMax) {
        new TimeSampling(TimeSampling.Scheme.VANILLA, tMin, tMax);
        this.velocityModel = velocityModel;
        this.scoreModel = scoreModel;
        this.path = path;
        this.coupling = coupling;
        this.tMin = tMin;
        this.tMax = tMax;
    }

    /** This objective with another pairing of source and data rows. */
    public ConditionalFlowMatchingLoss withCoupling(Coupling newCoupling) {
        return new ConditionalFlowMatchingLoss(
                velocityModel, scoreModel, path, newCoupling, tMin, tMax);
    }

    /** How this objective pairs source and data rows. */
    public Coupling coupling() {
        return coupling;
    }

    /** I-CFM: independent pairs, t ~ U(0, 1) as in GenerativeRL. */
    public static ConditionalFlowMatchingLoss independent(
            IntrinsicModel model, InterpolationPath path) {
        return new ConditionalFlowMatchingLoss(model, null, path, Coupling.INDEPENDENT, 0, 1);
    }

    /** OT-CFM: exact minibatch OT pairs, t ~ U(0, 1). */
    public static ConditionalFlowMatchingLoss optimalTransport(
            IntrinsicModel model, InterpolationPath path) {
        return new ConditionalFlowMatchingLoss(model, null, path, Coupling.OPTIMAL_TRANSPORT, 0, 1);
    }

    /**
     * SF2M: OT pairs on a Brownian bridge, velocity and score networks, t ~ U(1e-5, 1 - 1e-5) (the
     * bridge's d log sigma/dt is infinite at both ends).
     */
    public static ConditionalFlowMatchingLoss schrodingerBridge(
            IntrinsicModel velocityModel, IntrinsicModel scoreModel, BrownianBridgePath path) {
        double tMin = TimeSampling.DEFAULT_T_MIN;
        return new ConditionalFlowMatchingLoss(
                velocityModel, scoreModel, path, Coupling.OPTIMAL_TRANSPORT, tMin, 1 - tMin);
    }

    @Override
    public String name() {
        if (scoreModel != null) {
            return "sf2m";
        }
        return coupling == Coupling.INDEPENDENT ? "icfm" : "otcfm";
    }

    @Override
    public Map<String, IntrinsicModel> networks() {
        Map<String, IntrinsicModel> networks = new LinkedHashMap<>();
        if (scoreModel == null) {
            networks.put("model", velocityModel);
        } else {
            networks.put("velocity_model", velocityModel);
            networks.put("score_model", scoreModel);
        }
        return networks;
    }

    /** Draws the times, the source rows (paired to the data) and the noise for a batch. */
    public Draw draw(TrainingBatch batch, RandomGenerator random) {
        int rows = batch.size();
        int width = batch.width();
        double[] t = TimeSampling.uniform(rows, tMin, tMax, random);
        float[] source =
                batch.source() == null
                        ? Columns.gaussians(rows * width, random)
                        : batch.source().toFloatArray();
        float[] noise = Columns.gaussians(rows * width, random);
        if (coupling == Coupling.INDEPENDENT) {
            return new Draw(t, source, noise);
        }
        int[] order = optimalSourceOrder(source, batch.data().toFloatArray(), rows, width);
        if (coupling == Coupling.OPTIMAL_TRANSPORT) {
            return new Draw(t, permuteRows(source, order, width), noise);
        }
        int[] dataRows = new int[rows];
        int[] sourceRows = new int[rows];
        for (int k = 0; k < rows; k++) {
            dataRows[k] = random.nextInt(rows);
            sourceRows[k] = order[dataRows[k]];
        }
        return new Draw(t, permuteRows(source, sourceRows, width), noise, dataRows);
    }

    /**
     * The order of source rows that minimizes sum_j ||source[p[j]] - data[j]||^2: {@code p[j]} is
     * the source row paired with data row j (exact, by the models module's linear assignment).
     */
    static int[] optimalSourceOrder(float[] source, float[] data, int rows, int width) {
        return Wasserstein.optimalAssignment(points(source, rows, width), points(data, rows, width))
                .inverse();
    }

    private static PointSet points(float[] values, int rows, int width) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return PointSet.of(rows, width, widened);
    }

    /** Rows {@code rows[k]} of {@code array} in order, or {@code array} itself for null rows. */
    private static NDArray selectRows(NDArray array, int[] rows) {
        if (array == null || rows == null) {
            return array;
        }
        int width = Math.toIntExact(array.getShape().get(1));
        return array.getManager()
                .create(
                        permuteRows(array.toFloatArray(), rows, width),
                        new Shape(rows.length, width));
    }

    /** Row {@code order[j]} of {@code rows} as row j, rows of {@code width} values. */
    static float[] permuteRows(float[] rows, int[] order, int width) {
        float[] out = new float[rows.length];
        for (int j = 0; j < order.length; j++) {
            System.arraycopy(rows, order[j] * width, out, j * width, width);
        }
        return out;
    }

    @Override
    public NDArray loss(
            ParameterStore parameterStore, TrainingBatch batch, RandomGenerator random) {
        return loss(parameterStore, batch, draw(batch, random));
    }

    /** The loss for given draws. */
    public NDArray loss(ParameterStore parameterStore, TrainingBatch batch, Draw draw) {
        NDManager manager = batch.manager();
        Shape shape = new Shape(batch.size(), batch.width());
        double[] t = draw.t();
        NDArray x0 = manager.create(draw.source(), shape);
        NDArray x1 = selectRows(batch.data(), draw.dataRows());
        NDArray condition = selectRows(batch.condition(), draw.dataRows());
        NDArray z = manager.create(draw.noise(), shape);
        NDArray time = Columns.of(manager, t, u -> u);
        NDArray xt =
                x0.mul(time.neg().add(1))
                        .add(x1.mul(time))
                        .add(z.mul(Columns.of(manager, t, path::std)));
        NDArray target = z.mul(Columns.of(manager, t, path::dStdDt)).add(x1.sub(x0));

        NDArray times = Columns.times(manager, t);
        NDArray v = velocityModel.forward(parameterStore, times, xt, condition, true);
        NDArray loss = Columns.halfSquaredNormMean(v.sub(target));
        if (scoreModel == null) {
            return loss;
        }
        NDArray s = scoreModel.forward(parameterStore, times, xt, condition, true);
        NDArray scoreResidual = s.mul(Columns.of(manager, t, path::scoreLossWeight)).add(z);
        return loss.add(Columns.halfSquaredNormMean(scoreResidual));
    }
}
