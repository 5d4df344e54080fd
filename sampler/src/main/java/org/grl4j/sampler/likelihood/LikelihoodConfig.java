package org.grl4j.sampler.likelihood;

import org.grl4j.models.path.GaussianPath;

/**
 * Configuration of a {@link PfOdeLikelihood} computation, validated on construction.
 *
 * <p>The data x is placed at {@code dataTime} and the probability-flow ODE is integrated to {@code
 * priorTime}, where the standard normal density is evaluated. For a diffusion model (t = 0 data)
 * {@code dataTime < priorTime}; for a flow model (t = 0 source, t = 1 data) {@code dataTime >
 * priorTime}. The result is the density of the model at {@code dataTime}, the pushforward of N(0,
 * I) at {@code priorTime} through the ODE.
 *
 * <p><b>Diffusion start time.</b> The drift is singular at t = 0 (sigma = 0), so the integration
 * starts at a small t_min; the result is then log p_{t_min}(x), which differs from log p_0(x) to
 * first order by D |s'(0)| t_min plus a mean-shift term and sigma^2(t_min) / v. Measured on N(m,
 * diag(v)) data, D = 2 (see the tests): on the linear path (s = 1 - t) t_min = 1e-3 is off by up to
 * 9.7e-3 nats, t_min = 1e-5 by 5e-5, against 3e-8 for the integration itself; hence the default
 * {@value #DEFAULT_DIFFUSION_DATA_TIME}.
 *
 * <p><b>Diffusion prior time.</b> 1 where s(1) > 0 ({@code linear_vp_sde}); on {@code gvp} and
 * {@code linear} s(1) = 0 and f, g^2 are infinite at t = 1, so the default is 1 - {@value
 * #DEFAULT_DIFFUSION_DATA_TIME}, where the prior N(0, I) is off from the true marginal only by s ~
 * 1e-5.
 *
 * @param integrator the Commons Math integrator
 * @param trace exact trace or a Hutchinson estimate
 * @param dataTime the time at which x is placed
 * @param priorTime the time at which log N(x; 0, I) is evaluated; differs from dataTime
 * @param relativeTolerance relative tolerance of the adaptive integrators, in (0, 1)
 * @param absoluteTolerance absolute tolerance of the adaptive integrators, > 0
 * @param fixedSteps the number of RK4 steps, >= 1 (ignored by the adaptive integrators)
 * @param seed seed of the Hutchinson probes
 */
public record LikelihoodConfig(
        OdeIntegrator integrator,
        TraceEstimator trace,
        double dataTime,
        double priorTime,
        double relativeTolerance,
        double absoluteTolerance,
        int fixedSteps,
        long seed) {

    /** t_min of diffusion models; see the class documentation for the measured effect. */
    public static final double DEFAULT_DIFFUSION_DATA_TIME = 1e-5;

    /** Default tolerances of the adaptive integrators: at most 3e-8 nats on the Gaussian tests. */
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /** Default number of RK4 steps. */
    public static final int DEFAULT_FIXED_STEPS = 200;

    public LikelihoodConfig {
        require(integrator != null, "integrator", "null", "an OdeIntegrator");
        require(trace != null, "trace", "null", "a TraceEstimator");
        require(
                dataTime >= 0 && dataTime <= 1,
                "dataTime",
                dataTime,
                "a time in [0, 1] (diffusion: a small t_min such as 1e-5; flow: 1)");
        require(
                priorTime >= 0 && priorTime <= 1 && priorTime != dataTime,
                "priorTime",
                priorTime,
                "a time in [0, 1] other than dataTime = " + dataTime);
        require(
                relativeTolerance > 0 && relativeTolerance < 1,
                "relativeTolerance",
                relativeTolerance,
                "a value in (0, 1), e.g. 1e-8");
        require(
                absoluteTolerance > 0,
                "absoluteTolerance",
                absoluteTolerance,
                "a positive value, e.g. 1e-8");
        require(fixedSteps >= 1, "fixedSteps", fixedSteps, "at least 1 RK4 step");
    }

    /**
     * Dormand-Prince 5(4) with tolerances {@value #DEFAULT_TOLERANCE}, exact trace, from {@link
     * #DEFAULT_DIFFUSION_DATA_TIME} to {@link #defaultPriorTime}, seed 0.
     */
    public static LikelihoodConfig forDiffusion(GaussianPath path) {
        return new LikelihoodConfig(
                OdeIntegrator.DORMAND_PRINCE_54,
                TraceEstimator.EXACT,
                DEFAULT_DIFFUSION_DATA_TIME,
                defaultPriorTime(path),
                DEFAULT_TOLERANCE,
                DEFAULT_TOLERANCE,
                DEFAULT_FIXED_STEPS,
                0L);
    }

    /**
     * Dormand-Prince 5(4) with tolerances {@value #DEFAULT_TOLERANCE}, exact trace, from the data
     * at t = 1 to the source at t = 0, seed 0.
     */
    public static LikelihoodConfig forFlow() {
        return new LikelihoodConfig(
                OdeIntegrator.DORMAND_PRINCE_54,
                TraceEstimator.EXACT,
                1.0,
                0.0,
                DEFAULT_TOLERANCE,
                DEFAULT_TOLERANCE,
                DEFAULT_FIXED_STEPS,
                0L);
    }

    /** 1 where s(1) > 0, else 1 - {@value #DEFAULT_DIFFUSION_DATA_TIME}; see the class docs. */
    public static double defaultPriorTime(GaussianPath path) {
        return path.scale(1.0) > 0 ? 1.0 : 1.0 - DEFAULT_DIFFUSION_DATA_TIME;
    }

    /** This configuration with another integrator. */
    public LikelihoodConfig withIntegrator(OdeIntegrator newIntegrator) {
        return new LikelihoodConfig(
                newIntegrator,
                trace,
                dataTime,
                priorTime,
                relativeTolerance,
                absoluteTolerance,
                fixedSteps,
                seed);
    }

    /** This configuration with another trace estimator. */
    public LikelihoodConfig withTrace(TraceEstimator newTrace) {
        return new LikelihoodConfig(
                integrator,
                newTrace,
                dataTime,
                priorTime,
                relativeTolerance,
                absoluteTolerance,
                fixedSteps,
                seed);
    }

    /** This configuration with other data and prior times. */
    public LikelihoodConfig withTimes(double newDataTime, double newPriorTime) {
        return new LikelihoodConfig(
                integrator,
                trace,
                newDataTime,
                newPriorTime,
                relativeTolerance,
                absoluteTolerance,
                fixedSteps,
                seed);
    }

    /** This configuration with other adaptive tolerances. */
    public LikelihoodConfig withTolerances(double relative, double absolute) {
        return new LikelihoodConfig(
                integrator, trace, dataTime, priorTime, relative, absolute, fixedSteps, seed);
    }

    /** This configuration with another number of RK4 steps. */
    public LikelihoodConfig withFixedSteps(int steps) {
        return new LikelihoodConfig(
                integrator,
                trace,
                dataTime,
                priorTime,
                relativeTolerance,
                absoluteTolerance,
                steps,
                seed);
    }

    /** This configuration with another probe seed. */
    public LikelihoodConfig withSeed(long newSeed) {
        return new LikelihoodConfig(
                integrator,
                trace,
                dataTime,
                priorTime,
                relativeTolerance,
                absoluteTolerance,
                fixedSteps,
                newSeed);
    }

    private static void require(boolean ok, String name, Object found, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "likelihood "
                            + name
                            + " = "
                            + found
                            + " is not allowed; expected "
                            + allowed
                            + ".");
        }
    }
}
