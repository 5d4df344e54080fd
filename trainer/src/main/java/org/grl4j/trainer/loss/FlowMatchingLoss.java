package org.grl4j.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.trainer.network.IntrinsicModel;

/**
 * Flow matching on a Gaussian path (DESIGN.md section 2.3; GenerativeRL's {@code
 * flow_matching_loss}): regress the probability-flow velocity in path time (t = 0 data, t = 1
 * noise) onto the conditional velocity.
 *
 * <pre>
 *   t ~ U(tMin, tMax) (default [1e-5, 1]),  noise ~ N(0, I),  x_t = s x_0 + sigma noise
 *   v* = s'(t) x_0 + sigma'(t) noise
 *   v(h) = h                                   velocity_function
 *        = f x_t + g^2 n(h) / (2 sigma)        otherwise, n(h) the predicted noise:
 *          score: f x_t - g^2 h / 2;  noise: f x_t + g^2 h / (2 sigma);
 *          data:  f x_t + g^2 (x_t - s h) / (2 sigma^2)
 *   loss = mean over rows of 1/2 sum_d (v(h) - v*)^2
 * </pre>
 *
 * Arrays: data {@code [B, D]} float32, one time per row.
 */
public final class FlowMatchingLoss implements TrainingObjective {

    private final IntrinsicModel model;
    private final GaussianPath path;
    private final Parameterization parameterization;
    private final double tMin;
    private final double tMax;

    /** Flow matching with t ~ U(1e-5, 1), GenerativeRL's range. */
    public FlowMatchingLoss(
            IntrinsicModel model, GaussianPath path, Parameterization parameterization) {
        this(model, path, parameterization, TimeSampling.DEFAULT_T_MIN, 1.0);
    }

    public FlowMatchingLoss(
            IntrinsicModel model,
            GaussianPath path,
            Parameterization parameterization,
            double tMin,
            double tMax) {
        new TimeSampling(TimeSampling.Scheme.VANILLA, tMin, tMax);
        this.model = model;
        this.path = path;
        this.parameterization = parameterization;
        this.tMin = tMin;
        this.tMax = tMax;
    }

    @Override
    public String name() {
        return "flow_matching";
    }

    @Override
    public Map<String, IntrinsicModel> networks() {
        return Map.of("model", model);
    }

    /** Draws the times and the noise for a batch of {@code rows} rows of width {@code width}. */
    public GaussianDraw draw(int rows, int width, RandomGenerator random) {
        double[] t = TimeSampling.uniform(rows, tMin, tMax, random);
        return new GaussianDraw(t, Columns.gaussians(rows * width, random));
    }

    @Override
    public NDArray loss(
            ParameterStore parameterStore, TrainingBatch batch, RandomGenerator random) {
        return loss(parameterStore, batch, draw(batch.size(), batch.width(), random));
    }

    /** The loss for given draws. */
    public NDArray loss(ParameterStore parameterStore, TrainingBatch batch, GaussianDraw draw) {
        NDManager manager = batch.manager();
        double[] t = draw.t();
        NDArray x0 = batch.data();
        NDArray noise = manager.create(draw.noise(), new Shape(batch.size(), batch.width()));
        NDArray xt =
                x0.mul(Columns.of(manager, t, path::scale))
                        .add(noise.mul(Columns.of(manager, t, path::std)));
        NDArray target =
                x0.mul(Columns.of(manager, t, path::dScaleDt))
                        .add(noise.mul(Columns.of(manager, t, path::dStdDt)));

        NDArray h =
                model.forward(
                        parameterStore, Columns.times(manager, t), xt, batch.condition(), true);
        return Columns.halfSquaredNormMean(velocity(manager, t, xt, h).sub(target));
    }

    private NDArray velocity(NDManager manager, double[] t, NDArray xt, NDArray h) {
        if (parameterization == Parameterization.VELOCITY_FUNCTION) {
            return h;
        }
        NDArray drift = xt.mul(Columns.of(manager, t, path::driftCoefficient));
        return switch (parameterization) {
            case SCORE_FUNCTION ->
                    drift.add(h.mul(Columns.of(manager, t, u -> -path.diffusionSquared(u) / 2)));
            case NOISE_FUNCTION ->
                    drift.add(
                            h.mul(
                                    Columns.of(
                                            manager,
                                            t,
                                            u -> path.diffusionSquared(u) / (2 * path.std(u)))));
            case DATA_PREDICTION_FUNCTION ->
                    drift.add(
                            xt.sub(h.mul(Columns.of(manager, t, path::scale)))
                                    .mul(
                                            Columns.of(
                                                    manager,
                                                    t,
                                                    u -> {
                                                        double sigma = path.std(u);
                                                        return path.diffusionSquared(u)
                                                                / (2 * sigma * sigma);
                                                    })));
            case VELOCITY_FUNCTION -> h;
        };
    }
}
