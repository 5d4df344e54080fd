package org.grl4j.sampler.guidance;

import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.RowNoise;
import org.grl4j.sampler.sde.StochasticField;

/**
 * Inpainting: sampling some coordinates of each row while others stay at given values, as
 * GenerativeRL's {@code sample_with_fixed_x} does.
 *
 * <p>The mask is 1 where a coordinate is generated and 0 where it is fixed, per element of the
 * {@code [N * D]} row-major state. The sampler starts from x = mask noise + (1 - mask) x_fixed. At
 * every drift evaluation at time t the model sees the fixed coordinates replaced by a freshly
 * noised copy s(t) x_fixed + sigma(t) z (z ~ N(0, 1), drawn from the row's stream, D values per row
 * per evaluation), so the generated coordinates are steered by a state consistent with p_t; the
 * drift and the diffusion of the fixed coordinates are then zeroed, so they end exactly at x_fixed.
 * This is a replacement method (Song et al., 2021, appendix I.2): cheap, but only approximately
 * conditional; the fresh noise makes the drift rough in t, so adaptive solvers may take smaller
 * steps than for plain sampling.
 */
public final class Inpainting {

    private Inpainting() {}

    /**
     * The initial state: mask noise + (1 - mask) fixed, with {@code noise} from the row streams.
     */
    public static double[] initialState(double[] fixed, double[] mask, double[] noise) {
        double[] x = new double[fixed.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = mask[i] == 0 ? fixed[i] : noise[i];
        }
        return x;
    }

    /**
     * Wraps {@code field} so that fixed coordinates are renoised before each evaluation and frozen
     * after it.
     *
     * @param path the path that noises the fixed values, x_t = s(t) x + sigma(t) z
     * @param fixed the fixed values, length N * D (entries where the mask is 1 are ignored)
     * @param mask 1 = generate, 0 = keep fixed, length N * D
     * @param noise the call's row streams, used for the fresh noise
     */
    public static StochasticField wrap(
            StochasticField field,
            GaussianPath path,
            double[] fixed,
            double[] mask,
            RowNoise noise) {
        return new MaskedField(field, field, path, fixed, mask, noise);
    }

    /** As {@link #wrap(StochasticField, GaussianPath, double[], double[], RowNoise)} for an ODE. */
    public static VectorField wrap(
            VectorField field, GaussianPath path, double[] fixed, double[] mask, RowNoise noise) {
        return new MaskedField(field, null, path, fixed, mask, noise);
    }

    private static final class MaskedField implements StochasticField {

        private final VectorField drift;
        private final StochasticField stochastic;
        private final GaussianPath path;
        private final double[] fixed;
        private final double[] mask;
        private final RowNoise noise;
        private final double[] renoised;
        private final double[] z;

        MaskedField(
                VectorField drift,
                StochasticField stochastic,
                GaussianPath path,
                double[] fixed,
                double[] mask,
                RowNoise noise) {
            this.drift = drift;
            this.stochastic = stochastic;
            this.path = path;
            this.fixed = fixed;
            this.mask = mask;
            this.noise = noise;
            this.renoised = new double[fixed.length];
            this.z = new double[fixed.length];
        }

        @Override
        public int dimension() {
            return drift.dimension();
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            double s = path.scale(t);
            double sigma = path.std(t);
            noise.fill(z, dimension());
            int size = n * dimension();
            for (int i = 0; i < size; i++) {
                renoised[i] = mask[i] == 0 ? s * fixed[i] + sigma * z[i] : x[i];
            }
            drift.evaluate(n, t, renoised, out);
            freezeFixed(out, size);
        }

        @Override
        public void diffusion(int n, double t, double[] x, double[] out) {
            stochastic.diffusion(n, t, x, out);
            freezeFixed(out, n * dimension());
        }

        private void freezeFixed(double[] out, int size) {
            for (int i = 0; i < size; i++) {
                if (mask[i] == 0) {
                    out[i] = 0;
                }
            }
        }
    }
}
