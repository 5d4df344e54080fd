package org.grl4j.sampler.onnx;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The ONNX test fixtures of {@code src/test/resources/onnx/} (built by {@code
 * src/test/python/make_fixtures.py}) and independent double-precision implementations of what each
 * graph computes. The constants must match the script's.
 */
final class Fixtures {

    static final double BETA_0 = 0.1;
    static final double BETA_1 = 20.0;
    static final double[] GAUSS_MEAN = {1.0, -2.0, 0.5};
    static final double[] GAUSS_VAR = {0.25, 1.0, 4.0};

    static final int MLP_X_SIZE = 2;
    static final int MLP_HIDDEN = 16;
    static final int MLP_CONDITION_SIZE = 3;

    private Fixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource onnx/" + name + " is missing", e);
        }
    }

    /** s(t) of linear_vp_sde(BETA_0, BETA_1). */
    static double vpScale(double t) {
        return Math.exp(-(BETA_1 - BETA_0) * t * t / 4 - BETA_0 * t / 2);
    }

    /**
     * The exact predicted noise for data N(m, diag(v)): x_t ~ N(s m, s^2 v + sigma^2), so the score
     * is -(x - s m) / (s^2 v + sigma^2) and the noise -sigma times it.
     */
    static double[] gaussianNoise(int n, double[] t, double[] x) {
        int d = GAUSS_MEAN.length;
        double[] h = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = vpScale(t[i]);
            double sigma = Math.sqrt(1 - s * s);
            for (int j = 0; j < d; j++) {
                double variance = s * s * GAUSS_VAR[j] + sigma * sigma;
                h[i * d + j] = sigma * (x[i * d + j] - s * GAUSS_MEAN[j]) / variance;
            }
        }
        return h;
    }

    /** J_x h · u for the Gaussian network: diagonal, sigma / (s^2 v + sigma^2) per dimension. */
    static double[] gaussianNoiseTangent(int n, double[] t, double[] u) {
        int d = GAUSS_MEAN.length;
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = vpScale(t[i]);
            double sigma = Math.sqrt(1 - s * s);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = sigma / (s * s * GAUSS_VAR[j] + sigma * sigma) * u[i * d + j];
            }
        }
        return out;
    }

    /**
     * The fixed-weight MLP h = W2 tanh(W1 [x, t, c] + b1) + b2 in double precision, with the
     * weights rounded to float as stored in the graph. Also returns J_x h · u when u is not null.
     */
    static final class Mlp {
        final int conditionSize;
        final double[][] w1;
        final double[] b1;
        final double[][] w2;
        final double[] b2;

        Mlp(int conditionSize) {
            this.conditionSize = conditionSize;
            int in = MLP_X_SIZE + 1 + conditionSize;
            w1 = new double[MLP_HIDDEN][in];
            b1 = new double[MLP_HIDDEN];
            w2 = new double[MLP_X_SIZE][MLP_HIDDEN];
            b2 = new double[MLP_X_SIZE];
            for (int i = 0; i < MLP_HIDDEN; i++) {
                for (int j = 0; j < in; j++) {
                    w1[i][j] = (float) (0.5 * Math.sin(0.7 * i + 1.3 * j + 0.1));
                }
                b1[i] = (float) (0.1 * Math.cos(i));
            }
            for (int k = 0; k < MLP_X_SIZE; k++) {
                for (int i = 0; i < MLP_HIDDEN; i++) {
                    w2[k][i] = (float) (0.4 * Math.cos(0.5 * k - 0.9 * i + 0.2));
                }
                b2[k] = (float) (0.05 * k - 0.02);
            }
        }

        double[] evaluate(int n, double[] t, double[] x, double[] c) {
            return run(n, t, x, c, null, false);
        }

        double[] tangent(int n, double[] t, double[] x, double[] c, double[] u) {
            return run(n, t, x, c, u, true);
        }

        private double[] run(int n, double[] t, double[] x, double[] c, double[] u, boolean jvp) {
            int d = MLP_X_SIZE;
            double[] out = new double[n * d];
            for (int r = 0; r < n; r++) {
                double[] features = features(r, t, x, c);
                double[] hidden = new double[MLP_HIDDEN];
                for (int i = 0; i < MLP_HIDDEN; i++) {
                    double z = b1[i];
                    for (int j = 0; j < features.length; j++) {
                        z += w1[i][j] * features[j];
                    }
                    double a = Math.tanh(z);
                    if (jvp) {
                        double dz = 0;
                        for (int j = 0; j < d; j++) {
                            dz += w1[i][j] * u[r * d + j];
                        }
                        hidden[i] = (1 - a * a) * dz;
                    } else {
                        hidden[i] = a;
                    }
                }
                for (int k = 0; k < d; k++) {
                    double h = jvp ? 0 : b2[k];
                    for (int i = 0; i < MLP_HIDDEN; i++) {
                        h += w2[k][i] * hidden[i];
                    }
                    out[r * d + k] = h;
                }
            }
            return out;
        }

        private double[] features(int r, double[] t, double[] x, double[] c) {
            int d = MLP_X_SIZE;
            double[] features = new double[d + 1 + conditionSize];
            for (int j = 0; j < d; j++) {
                features[j] = x[r * d + j];
            }
            features[d] = t[r];
            for (int j = 0; j < conditionSize; j++) {
                features[d + 1 + j] = c[r * conditionSize + j];
            }
            return features;
        }
    }

    /** Uniform draws on [lo, hi), rounded to float so that both sides see the same inputs. */
    static double[] floats(SplittableRandom random, int count, double lo, double hi) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return values;
    }
}
