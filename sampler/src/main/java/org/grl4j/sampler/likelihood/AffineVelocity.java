package org.grl4j.sampler.likelihood;

import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;

/**
 * The probability-flow velocity of a diffusion model as an affine function of the network output:
 * v(t, x) = a(t) x + b(t) h(t, x), element by element, so that its Jacobian is J_v = a I + b J_h
 * and its divergence is div v = D a + b tr(J_h).
 *
 * <p>From v = f x + g^2 n / (2 sigma) (DESIGN.md section 2.2) and the predicted noise n of each
 * parameterization:
 *
 * <pre>
 *   noise_function            n = h                 a = f                    b = g^2 / (2 sigma)
 *   score_function            n = -sigma h          a = f                    b = -g^2 / 2
 *   data_prediction_function  n = (x - s h)/sigma   a = f + g^2/(2 sigma^2)  b = -s g^2/(2 sigma^2)
 *   velocity_function         v = h                 a = 0                    b = 1
 * </pre>
 *
 * with s, sigma, f, g^2 of the path at time t. A flow model's output is its velocity: a = 0, b = 1.
 *
 * @param xCoefficient a(t)
 * @param outputCoefficient b(t)
 */
public record AffineVelocity(double xCoefficient, double outputCoefficient) {

    /** The identity map from output to velocity: flow models and velocity-parameterized ones. */
    public static final AffineVelocity IDENTITY = new AffineVelocity(0, 1);

    /** The coefficients of the velocity of {@code parameterization} on {@code path} at time t. */
    public static AffineVelocity of(
            GaussianPath path, Parameterization parameterization, double t) {
        if (parameterization == Parameterization.VELOCITY_FUNCTION) {
            return IDENTITY;
        }
        double f = path.driftCoefficient(t);
        double g2 = path.diffusionSquared(t);
        double sigma = path.std(t);
        return switch (parameterization) {
            case NOISE_FUNCTION -> new AffineVelocity(f, g2 / (2 * sigma));
            case SCORE_FUNCTION -> new AffineVelocity(f, -g2 / 2);
            case DATA_PREDICTION_FUNCTION ->
                    new AffineVelocity(
                            f + g2 / (2 * sigma * sigma),
                            -path.scale(t) * g2 / (2 * sigma * sigma));
            case VELOCITY_FUNCTION -> IDENTITY;
        };
    }

    /** Whether both coefficients are finite numbers. */
    public boolean isFinite() {
        return Double.isFinite(xCoefficient) && Double.isFinite(outputCoefficient);
    }
}
