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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Denoising score matching on a Gaussian path (DESIGN.md section 2.3; GenerativeRL's {@code
 * score_matching_loss}, with its score-network sign bug fixed). t = 0 is data, t = 1 is noise.
 *
 * <pre>
 *   t ~ timeSampling,  noise ~ N(0, I),  x_t = s(t) x_0 + sigma(t) noise
 *   h = model(t, x_t, c),  n(h) = the predicted noise (table below)
 *   loss = mean over rows of 1/2 sum_d (n(h) - noise)^2
 *
 *   noise_function            n = h
 *   score_function            n = -sigma h
 *   data_prediction_function  n = (x_t - s h) / sigma
 *   velocity_function         n = (h - f x_t) 2 sigma / g^2
 * </pre>
 *
 * <b>Default time sampling: maximum_likelihood</b> (density proportional to g^2 / sigma^2, as in
 * GenerativeRL); pass {@link TimeSampling#vanilla()} for t ~ U(1e-5, 1). See {@link TimeSampling}.
 * Arrays: data {@code [B, D]} float32, one time per row.
 */
public final class ScoreMatchingLoss implements TrainingObjective {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreMatchingLoss.class);

    private final IntrinsicModel model;
    private final GaussianPath path;
    private final Parameterization parameterization;
    private final TimeSampling timeSampling;

    /** Score matching with the default (maximum-likelihood) time sampling. */
    public ScoreMatchingLoss(
            IntrinsicModel model, GaussianPath path, Parameterization parameterization) {
        this(model, path, parameterization, TimeSampling.defaultSampling());
    }

    public ScoreMatchingLoss(
            IntrinsicModel model,
            GaussianPath path,
            Parameterization parameterization,
            TimeSampling timeSampling) {
        this.model = model;
        this.path = path;
        this.parameterization = parameterization;
        this.timeSampling = timeSampling;
        LOG.info(
                "score matching on {} with a {} network; time sampling {} on [{}, {}]",
                path.type(),
                parameterization.configName(),
                timeSampling.scheme().configName(),
                timeSampling.tMin(),
                timeSampling.tMax());
    }

    @Override
    public String name() {
        return "score_matching";
    }

    @Override
    public Map<String, IntrinsicModel> networks() {
        return Map.of("model", model);
    }

    public TimeSampling timeSampling() {
        return timeSampling;
    }

    /** Draws the times and the noise for a batch of {@code rows} rows of width {@code width}. */
    public GaussianDraw draw(int rows, int width, RandomGenerator random) {
        double[] t = timeSampling.draw(path, rows, random);
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
        NDArray noise = manager.create(draw.noise(), new Shape(batch.size(), batch.width()));
        NDArray s = Columns.of(manager, t, path::scale);
        NDArray sigma = Columns.of(manager, t, path::std);
        NDArray xt = batch.data().mul(s).add(noise.mul(sigma));

        NDArray h =
                model.forward(
                        parameterStore, Columns.times(manager, t), xt, batch.condition(), true);
        return Columns.halfSquaredNormMean(predictedNoise(manager, t, xt, h).sub(noise));
    }

    private NDArray predictedNoise(NDManager manager, double[] t, NDArray xt, NDArray h) {
        return switch (parameterization) {
            case NOISE_FUNCTION -> h;
            case SCORE_FUNCTION -> h.mul(Columns.of(manager, t, u -> -path.std(u)));
            case DATA_PREDICTION_FUNCTION ->
                    xt.sub(h.mul(Columns.of(manager, t, path::scale)))
                            .mul(Columns.of(manager, t, u -> 1 / path.std(u)));
            case VELOCITY_FUNCTION ->
                    h.sub(xt.mul(Columns.of(manager, t, path::driftCoefficient)))
                            .mul(
                                    Columns.of(
                                            manager,
                                            t,
                                            u -> 2 * path.std(u) / path.diffusionSquared(u)));
        };
    }
}
