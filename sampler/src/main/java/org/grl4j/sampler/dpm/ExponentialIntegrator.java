package org.grl4j.sampler.dpm;

import org.grl4j.models.path.GaussianPath;

/**
 * One exponential-integrator update of the probability-flow ODE from time s to time t < s, given
 * the prediction m at s and estimates of its first and second derivatives in lambda.
 *
 * <p>With alpha = s(t) (the path scale), sigma = sigma(t), lambda = log(alpha / sigma) and h =
 * lambda_t - lambda_s > 0, the exact solution is (Lu et al. 2022, eq. 3.4; 2022b, eq. 9)
 *
 * <pre>
 *   noise:  x_t = (alpha_t / alpha_s) x_s
 *                 - alpha_t int_{lambda_s}^{lambda_t} e^(-lambda) n(lambda) dlambda
 *   data:   x_t = (sigma_t / sigma_s) x_s
 *                 + sigma_t int_{lambda_s}^{lambda_t} e^(lambda) d(lambda) dlambda
 * </pre>
 *
 * Replacing the prediction by its Taylor polynomial m + u m' + u^2/2 m'' (u = lambda - lambda_s)
 * and integrating exactly gives, with c_k(eta) = e^eta - sum_{j<k} eta^j / j! = eta^k phi_k(eta)
 * (the phi functions of exponential integrators: phi_1(eta) = (e^eta - 1)/eta, phi_(k+1) = (phi_k -
 * 1/k!)/eta),
 *
 * <pre>
 *   noise (DPM-Solver):  x_t = (alpha_t/alpha_s) x_s - sigma_t [c_1(h) n + c_2(h) n' + c_3(h) n'']
 *   data (DPM-Solver++): x_t = (sigma_t/sigma_s) x_s
 *                        - alpha_t [c_1(-h) d - c_2(-h) d' + c_3(-h) d'']
 * </pre>
 *
 * i.e. x_t = ratio x_s - C [c_1(eta) m + c_2(eta) sign m' + c_3(eta) m''] with eta = sign h, sign =
 * +1 and C = sigma_t for noise, sign = -1 and C = alpha_t for data. Dropping m'' gives the
 * second-order updates, dropping m' as well the first-order (DDIM) update.
 *
 * <p>The c_k are summed as a power series for |eta| < 0.5, where the closed form would cancel.
 */
final class ExponentialIntegrator {

    private static final double SERIES_RADIUS = 0.5;
    private static final int SERIES_TERMS = 24;

    private ExponentialIntegrator() {}

    /** c_k(eta) = e^eta - sum_{j=0}^{k-1} eta^j / j! for k = 1, 2, 3. */
    static double taylorRemainder(int k, double eta) {
        if (Math.abs(eta) < SERIES_RADIUS) {
            return seriesRemainder(k, eta);
        }
        double remainder = Math.expm1(eta);
        double term = 1;
        for (int j = 1; j < k; j++) {
            term *= eta / j;
            remainder -= term;
        }
        return remainder;
    }

    private static double seriesRemainder(int k, double eta) {
        double term = 1;
        for (int j = 1; j <= k; j++) {
            term *= eta / j;
        }
        double sum = 0;
        for (int j = k; j < k + SERIES_TERMS; j++) {
            sum += term;
            term *= eta / (j + 1);
        }
        return sum;
    }

    /**
     * Writes x_t into {@code out}; {@code firstDerivative} and {@code secondDerivative} (d/dlambda
     * of the prediction at s) may be null for lower-order updates. {@code out} may alias {@code x}.
     */
    static void step(
            DpmVariant variant,
            GaussianPath path,
            double s,
            double t,
            double[] x,
            double[] prediction,
            double[] firstDerivative,
            double[] secondDerivative,
            double[] out) {
        double h = path.halfLogSnr(t) - path.halfLogSnr(s);
        boolean noise = variant == DpmVariant.DPM_SOLVER;
        double sign = noise ? 1 : -1;
        double eta = sign * h;
        double ratio = noise ? path.scale(t) / path.scale(s) : path.std(t) / path.std(s);
        double outer = noise ? path.std(t) : path.scale(t);

        double w0 = outer * taylorRemainder(1, eta);
        double w1 = firstDerivative == null ? 0 : outer * sign * taylorRemainder(2, eta);
        double w2 = secondDerivative == null ? 0 : outer * taylorRemainder(3, eta);
        for (int j = 0; j < x.length; j++) {
            double correction = w0 * prediction[j];
            if (firstDerivative != null) {
                correction += w1 * firstDerivative[j];
            }
            if (secondDerivative != null) {
                correction += w2 * secondDerivative[j];
            }
            out[j] = ratio * x[j] - correction;
        }
    }
}
