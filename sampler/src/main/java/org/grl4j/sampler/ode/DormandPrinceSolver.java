package org.grl4j.sampler.ode;

import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince54Integrator;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.grl4j.sampler.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive Dormand-Prince Runge-Kutta methods through Commons Math: 5(4) (Dormand and Prince, 1980)
 * and 8(5,3) (Hairer, Norsett and Wanner, Solving ODEs I, section II.10).
 *
 * <p>The whole batch is one ODE state of size N * D, so all rows share one step sequence and the
 * step control sees the error norm of Commons Math, sqrt(mean_i (err_i / (atol + rtol |x_i|))^2)
 * over all N * D components: a root mean square over the batch, so a rare outlier row may carry an
 * error above the tolerance. Step sizes, hence results, depend on the whole batch; they do not
 * depend on threads.
 *
 * <p>NFE counts every field evaluation, rejected steps included. Both methods evaluate {@code
 * tEnd}, so a diffusion model must stop at t_end > 0.
 *
 * @param method 5(4) or 8(5,3)
 * @param relativeTolerance rtol, positive
 * @param absoluteTolerance atol, positive
 * @param maxEvaluations the evaluation budget; exceeding it is an error that names the tolerances
 */
public record DormandPrinceSolver(
        Method method, double relativeTolerance, double absoluteTolerance, int maxEvaluations)
        implements OdeSolver {

    private static final Logger LOG = LoggerFactory.getLogger(DormandPrinceSolver.class);

    /** The embedded pair. */
    public enum Method {
        /** Order 5 with an order-4 error estimate, 6 evaluations per step (FSAL). */
        DOPRI5,
        /** Order 8 with order-5 and order-3 error estimates, 12 evaluations per step (FSAL). */
        DOP853
    }

    public DormandPrinceSolver {
        if (method == null) {
            throw new IllegalArgumentException(
                    "Dormand-Prince method is null; pass DOPRI5 or DOP853");
        }
        String fix = "typical tolerances are 1e-5 (GenerativeRL's default) down to 1e-10";
        Checks.positive("Dormand-Prince relative tolerance", relativeTolerance, fix);
        Checks.positive("Dormand-Prince absolute tolerance", absoluteTolerance, fix);
        Checks.positive(
                "Dormand-Prince maxEvaluations", maxEvaluations, "allow at least a few hundred");
    }

    @Override
    public String describe() {
        return method.name().toLowerCase(java.util.Locale.ROOT)
                + "(rtol="
                + relativeTolerance
                + ", atol="
                + absoluteTolerance
                + ")";
    }

    @Override
    public boolean evaluatesEndTime() {
        return true;
    }

    @Override
    public Solution solve(VectorField field, int n, double[] x0, double tStart, double tEnd) {
        AdaptiveStepsizeIntegrator integrator = newIntegrator(Math.abs(tEnd - tStart));
        integrator.setMaxEvaluations(maxEvaluations);
        int[] steps = {0};
        integrator.addStepHandler(stepCounter(steps));

        double[] x = x0.clone();
        try {
            integrator.integrate(asEquations(field, n, x0.length), tStart, x0, tEnd, x);
        } catch (MaxCountExceededException e) {
            throw new IllegalStateException(
                    describe()
                            + " needed more than "
                            + maxEvaluations
                            + " evaluations between t = "
                            + tStart
                            + " and "
                            + tEnd
                            + "; loosen the tolerances, raise maxEvaluations, or stop further from"
                            + " a singular end time",
                    e);
        } catch (NumberIsTooSmallException e) {
            throw new IllegalStateException(
                    describe() + " could not meet its tolerances: " + e.getMessage(), e);
        }
        return new Solution(x, integrator.getEvaluations(), steps[0]);
    }

    private AdaptiveStepsizeIntegrator newIntegrator(double span) {
        // A fresh integrator per solve: Commons Math integrators hold per-run state.
        return switch (method) {
            case DOPRI5 ->
                    new DormandPrince54Integrator(0.0, span, absoluteTolerance, relativeTolerance);
            case DOP853 ->
                    new DormandPrince853Integrator(0.0, span, absoluteTolerance, relativeTolerance);
        };
    }

    private static FirstOrderDifferentialEquations asEquations(VectorField field, int n, int size) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return size;
            }

            @Override
            public void computeDerivatives(double t, double[] y, double[] yDot) {
                field.evaluate(n, t, y, yDot);
            }
        };
    }

    private static StepHandler stepCounter(int[] steps) {
        return new StepHandler() {
            @Override
            public void init(double t0, double[] y0, double t) {}

            @Override
            public void handleStep(StepInterpolator interpolator, boolean isLast) {
                steps[0]++;
                if (LOG.isDebugEnabled()) {
                    LOG.debug(
                            "dormand-prince step {} from t={} to t={}",
                            steps[0],
                            interpolator.getPreviousTime(),
                            interpolator.getCurrentTime());
                }
            }
        };
    }
}
