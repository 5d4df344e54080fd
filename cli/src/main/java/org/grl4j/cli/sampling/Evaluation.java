package org.grl4j.cli.sampling;

import java.util.SplittableRandom;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Mmd;
import org.grl4j.models.metrics.Wasserstein;
import org.grl4j.models.network.TangentNetwork;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.likelihood.LikelihoodConfig;
import org.grl4j.sampler.likelihood.LikelihoodResult;
import org.grl4j.sampler.likelihood.PfOdeLikelihood;

/**
 * Scores a model against reference data: it draws as many samples as reference rows (one per
 * condition row for a conditional model) and reports the exact 2-Wasserstein distance, the MMD with
 * an RBF kernel of median-heuristic bandwidth, and, when the file has the tangent output, the
 * PF-ODE log-likelihood of the reference rows with the exact trace. Everything is in data space.
 */
public final class Evaluation {

    private Evaluation() {}

    /**
     * The outcome.
     *
     * @param rows the number of reference rows and of samples compared
     * @param w2 exact W2 between samples and reference rows
     * @param mmd the biased MMD (square root of MMD^2) with the median-heuristic bandwidth
     * @param likelihoodRows rows scored by the likelihood, 0 when it was not computed
     * @param logLikelihood mean log p(x) in nats over those rows, NaN when not computed
     * @param bitsPerDimension -log p / (D ln 2), NaN when not computed
     * @param samples the samples drawn (data space)
     * @param reference the reference rows compared
     */
    public record Report(
            int rows,
            double w2,
            double mmd,
            int likelihoodRows,
            double logLikelihood,
            double bitsPerDimension,
            Samples samples,
            PointSet reference) {}

    /**
     * Evaluates {@code model} on at most {@code maxRows} rows of {@code data} (a seeded random
     * subset when there are more).
     *
     * @param conditions one condition row per data row, or null for an unconditional model
     * @param likelihoodRows how many of those rows to score by likelihood (0 for none); ignored
     *     when the model file has no tangent output
     */
    public static Report evaluate(
            OnnxModel model,
            PointSet data,
            PointSet conditions,
            SolverOptions solver,
            int maxRows,
            int likelihoodRows,
            long seed) {
        int[] chosen = subset(data.size(), maxRows, seed);
        PointSet reference = data.select(chosen);
        PointSet chosenConditions = conditions == null ? null : conditions.select(chosen);
        Samples samples =
                solver.sample(
                        model,
                        reference.size(),
                        chosenConditions == null ? null : chosenConditions.toArray(),
                        1,
                        seed);
        PointSet sampled = PointSet.of(samples.rows(), samples.xSize(), samples.x());
        double w2 = Wasserstein.distance(sampled, reference);
        double mmd = Mmd.biasedWithMedianBandwidth(sampled, reference);

        int scored = hasTangent(model) ? Math.min(likelihoodRows, reference.size()) : 0;
        if (scored == 0) {
            return new Report(
                    reference.size(), w2, mmd, 0, Double.NaN, Double.NaN, samples, reference);
        }
        LikelihoodResult likelihood =
                likelihood(model, reference.slice(0, scored), slice(chosenConditions, scored));
        return new Report(
                reference.size(),
                w2,
                mmd,
                scored,
                likelihood.meanLogDensity(),
                likelihood.meanBitsPerDimension(),
                samples,
                reference);
    }

    /** Whether the model file has the x_tangent input that exact likelihoods need. */
    public static boolean hasTangent(OnnxModel model) {
        return model.network() instanceof TangentNetwork;
    }

    private static LikelihoodResult likelihood(
            OnnxModel model, PointSet rows, PointSet conditions) {
        ModelCard card = model.card();
        double[] x = rows.toArray();
        card.normalization().normalizeInPlace(x);
        double[] c = conditions == null ? null : conditions.toArray();
        TangentNetwork network = (TangentNetwork) model.network();
        LikelihoodResult result =
                card.model() == ModelKind.DIFFUSION
                        ? new PfOdeLikelihood(
                                        LikelihoodConfig.forDiffusion(
                                                OnnxModel.gaussianPath(card.path())))
                                .diffusion(
                                        OnnxModel.gaussianPath(card.path()),
                                        card.parameterization(),
                                        network,
                                        x,
                                        rows.size(),
                                        c)
                        : new PfOdeLikelihood(LikelihoodConfig.forFlow())
                                .flow(network, x, rows.size(), c);
        return result.toDataSpace(card.normalization().scale());
    }

    private static PointSet slice(PointSet points, int rows) {
        return points == null ? null : points.slice(0, rows);
    }

    /** {@code min(size, maxRows)} distinct indices, a seeded random choice when fewer than all. */
    static int[] subset(int size, int maxRows, long seed) {
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        if (maxRows >= size) {
            return indices;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxRows; i++) {
            int j = i + random.nextInt(size - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return java.util.Arrays.copyOf(indices, maxRows);
    }
}
