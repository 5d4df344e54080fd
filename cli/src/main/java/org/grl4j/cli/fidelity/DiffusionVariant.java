package org.grl4j.cli.fidelity;

import java.util.Arrays;
import java.util.List;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.trainer.loss.FlowMatchingLoss;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.IntrinsicModel;

/**
 * One Gaussian diffusion baseline: a path x_t = s(t) x_0 + sigma(t) noise (t = 0 data, t = 1 the
 * prior N(0, I)) and a training objective, each with the output the objective trains natively:
 *
 * <pre>
 *   score matching  noise network   h = noise,   loss 1/2 ||h(t, x_t) - noise||^2,
 *                   t drawn with density g^2 / sigma^2 on [1e-5, 1 - 1e-5] (maximum likelihood)
 *   flow matching   velocity network h = v,  loss 1/2 ||h(t, x_t) - (s' x_0 + sigma' noise)||^2,
 *                   t ~ U(1e-5, 1)
 * </pre>
 *
 * both with the defaults of {@link ScoreMatchingLoss} and {@link FlowMatchingLoss} (GenerativeRL's
 * {@code score_matching} with {@code noise_function} and {@code flow_matching} with {@code
 * velocity_function}). The paths are GenerativeRL's: {@code linear_vp_sde} with beta from 0.1 to
 * 20, {@code gvp} and {@code linear}, named {@code vpsde}, {@code gvp} and {@code linear} here.
 *
 * @param pathName the short name of the path in method ids, e.g. {@code vpsde}
 * @param path the Gaussian path
 * @param objective score or flow matching
 */
record DiffusionVariant(String pathName, GaussianPath path, Objective objective) {

    /** beta(0) of GenerativeRL's {@code linear_vp_sde}. */
    static final double BETA_0 = 0.1;

    /** beta(1) of GenerativeRL's {@code linear_vp_sde}. */
    static final double BETA_1 = 20.0;

    /** The training objective and the network output it trains. */
    enum Objective {
        SCORE_MATCHING("score", Parameterization.NOISE_FUNCTION),
        FLOW_MATCHING("flow", Parameterization.VELOCITY_FUNCTION);

        private final String suffix;
        private final Parameterization parameterization;

        Objective(String suffix, Parameterization parameterization) {
            this.suffix = suffix;
            this.parameterization = parameterization;
        }

        /** What the network outputs. */
        Parameterization parameterization() {
            return parameterization;
        }
    }

    static DiffusionVariant vpsde(Objective objective) {
        return new DiffusionVariant("vpsde", new LinearVpPath(BETA_0, BETA_1), objective);
    }

    static DiffusionVariant gvp(Objective objective) {
        return new DiffusionVariant("gvp", new GvpPath(), objective);
    }

    static DiffusionVariant linear(Objective objective) {
        return new DiffusionVariant("linear", new LinearPath(), objective);
    }

    /** The method id, e.g. {@code vpsde-score}. */
    String id() {
        return pathName + "-" + objective.suffix;
    }

    /** What the network outputs: noise for score matching, velocity for flow matching. */
    Parameterization parameterization() {
        return objective.parameterization();
    }

    /** The row id of one solver, e.g. {@code vpsde-score-dpm10}. */
    String row(DiffusionSolver solver) {
        return id() + "-" + solver.rowSuffix();
    }

    /** The rows of one training: one per solver, in {@link DiffusionSolver} order. */
    List<String> rows() {
        return Arrays.stream(DiffusionSolver.values()).map(this::row).toList();
    }

    /** The loss that trains {@code network} with the objective's defaults. */
    TrainingObjective loss(IntrinsicModel network) {
        return switch (objective) {
            case SCORE_MATCHING -> new ScoreMatchingLoss(network, path, parameterization());
            case FLOW_MATCHING -> new FlowMatchingLoss(network, path, parameterization());
        };
    }
}
