package org.grl4j.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.sde.RowNoise;
import org.junit.jupiter.api.Test;

/**
 * Convergence orders of the fixed-step solvers on the probability-flow ODE of the exact Gaussian
 * network, measured against its closed-form flow map: the error e(N) = max |x_N - transport| over
 * 200 rows, and the observed order log2(e(N) / e(2N)) for two halvings of the step, t from the
 * start time to 1e-3. Observed: Euler from N = 50 to 200, 0.949 and 0.975 (linear_vp_sde, noise
 * network; e = 2.0e-2, 1.0e-2, 5.3e-3) and 0.984, 0.992 (gvp, data network); RK4 from N = 25 to
 * 100, 4.14 and 4.06 (linear_vp_sde; e = 1.3e-5, 7.1e-7, 4.3e-8) and 4.07, 4.03 (gvp). Each halving
 * must shrink the error by 2^order within the bounds, so the coarse run is measurably worse.
 */
class SolverOrderTest {

    private static final double[] MEAN = {1.0, -0.5};
    private static final double[] VARIANCE = {0.25, 0.64};
    private static final int ROWS = 200;

    @Test
    void eulerIsFirstOrderAndACoarseGridIsWorse() {
        assertOrder(
                new LinearVpPath(0.1, 20),
                Parameterization.NOISE_FUNCTION,
                EulerSolver::new,
                50,
                0.85,
                1.15);
        assertOrder(
                new GvpPath(),
                Parameterization.DATA_PREDICTION_FUNCTION,
                EulerSolver::new,
                50,
                0.85,
                1.15);
    }

    @Test
    void rungeKutta4IsFourthOrderAndACoarseGridIsWorse() {
        assertOrder(
                new LinearVpPath(0.1, 20),
                Parameterization.NOISE_FUNCTION,
                RungeKutta4Solver::new,
                25,
                3.7,
                4.4);
        assertOrder(
                new GvpPath(),
                Parameterization.DATA_PREDICTION_FUNCTION,
                RungeKutta4Solver::new,
                25,
                3.7,
                4.4);
    }

    private static void assertOrder(
            GaussianPath path,
            Parameterization parameterization,
            IntFunction<OdeSolver> solverWithSteps,
            int coarseSteps,
            double lowestOrder,
            double highestOrder) {
        ExactGaussianNetwork network =
                new ExactGaussianNetwork(path, MEAN, VARIANCE, parameterization);
        DiffusionModel model = new DiffusionModel(path, parameterization, network);
        double[] noise = new RowNoise(5, ROWS).next(2);
        double start = model.startTime();
        double end = DiffusionModel.END_TIME;
        double[] exact = network.transport(start, end, noise);

        double[] errors = new double[3];
        for (int k = 0; k < 3; k++) {
            int steps = coarseSteps << k;
            double[] x =
                    solverWithSteps
                            .apply(steps)
                            .solve(model.probabilityFlow(ROWS, null), ROWS, noise, start, end)
                            .x();
            errors[k] = maxAbsDifference(x, exact);
        }

        for (int k = 0; k < 2; k++) {
            double order = Math.log(errors[k] / errors[k + 1]) / Math.log(2);
            String what =
                    path.type()
                            + " errors "
                            + java.util.Arrays.toString(errors)
                            + ", observed order "
                            + order;
            assertTrue(order > lowestOrder && order < highestOrder, what);
        }
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
