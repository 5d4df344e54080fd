package org.grl4j.cli.fidelity;

import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.dpm.DpmModel;
import org.grl4j.sampler.dpm.DpmResult;
import org.grl4j.sampler.dpm.DpmSolver;
import org.grl4j.sampler.dpm.DpmSolverConfig;
import org.grl4j.sampler.model.DiffusionModel;

/**
 * The three samplers of a trained diffusion baseline. Each integrates the probability-flow ODE
 * backwards in path time, from given prior draws x_T ~ N(0, I) to the data end:
 *
 * <ul>
 *   <li>{@code euler}: {@link Solvers#euler} with the protocol's {@code eulerSteps} (100) through
 *       {@link Sampler} and {@link DiffusionModel}, from t = 1 ({@code linear_vp_sde}) or 1 - 1e-4
 *       ({@code gvp}, {@code linear}, where s(1) = 0) to t = 0; NFE = steps.
 *   <li>{@code dpm10}, {@code dpm20}: DPM-Solver++ (data prediction), order 2, multistep, on the
 *       log-SNR grid ({@link DpmSolverConfig#defaults}, as {@code grl4j sample --solver
 *       dpm-solver++} and the demo use it) with 10 and 20 network evaluations, from t = 1 or 1 -
 *       1e-3 to t = 1e-3.
 * </ul>
 *
 * Arrays are row-major {@code [n, 2]} doubles; the prior draws are not modified.
 */
enum DiffusionSolver {
    EULER("euler", 0),
    DPM_SOLVER_PLUS_PLUS_10("dpm10", 10),
    DPM_SOLVER_PLUS_PLUS_20("dpm20", 20);

    private final String rowSuffix;
    private final int evaluations;

    DiffusionSolver(String rowSuffix, int evaluations) {
        this.rowSuffix = rowSuffix;
        this.evaluations = evaluations;
    }

    /** The end of a result row id, e.g. {@code dpm10}. */
    String rowSuffix() {
        return rowSuffix;
    }

    /**
     * The samples of one solve and the span it covered.
     *
     * @param samples the samples at {@code endTime}, {@code [n, D]}, with NFE and wall time
     * @param startTime the time of the prior draws
     * @param endTime the time of the samples
     */
    record Solve(Samples samples, double startTime, double endTime) {}

    /**
     * Samples the network from {@code prior} ({@code [n, D]} draws at the start time).
     *
     * @param eulerSteps the Euler steps, ignored by DPM-Solver++
     */
    Solve sample(
            GaussianPath path,
            Parameterization parameterization,
            BatchNetwork network,
            double[] prior,
            int eulerSteps) {
        if (this == EULER) {
            Sampler sampler =
                    Sampler.builder(new DiffusionModel(path, parameterization, network))
                            .solver(Solvers.euler(eulerSteps))
                            .build();
            return new Solve(
                    sampler.sampleFrom(prior, null, 0), sampler.startTime(), sampler.endTime());
        }
        DpmSolverConfig config = DpmSolverConfig.defaults(path).withSteps(evaluations);
        int n = prior.length / network.xSize();
        long start = System.nanoTime();
        DpmResult result =
                new DpmSolver(config)
                        .solve(new DpmModel(path, parameterization, network), prior, n, null);
        Samples samples =
                new Samples(
                        result.samples(),
                        n,
                        result.xSize(),
                        result.nfe(),
                        System.nanoTime() - start);
        return new Solve(samples, config.tStart(), config.tEnd());
    }
}
