package org.grl4j.sampler.likelihood;

import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.grl4j.models.network.TangentNetwork;

/**
 * The instantaneous change-of-variables ODE for a whole batch: state y = [x (n * D, row-major),
 * delta (n)] with dx/dt = v(t, x) and d delta/dt = div v(t, x), the divergence exact or a
 * Hutchinson estimate with fixed per-row probes. Not thread-safe: one instance per computation.
 */
final class AugmentedOde implements FirstOrderDifferentialEquations {

    private final TangentNetwork network;
    private final DoubleFunction<AffineVelocity> velocityAt;
    private final int n;
    private final int d;
    private final double[] condition;
    private final double[] probes;
    private final double[] probeNorms;
    private final double[] times;
    private final double[] tangent;
    private final double[] output;
    private final double[] outputTangent;
    private long networkEvaluations;

    /**
     * @param probes the Hutchinson probes {@code [n, D]}, or null for the exact trace
     */
    AugmentedOde(
            TangentNetwork network,
            DoubleFunction<AffineVelocity> velocityAt,
            int n,
            double[] condition,
            double[] probes) {
        this.network = network;
        this.velocityAt = velocityAt;
        this.n = n;
        this.d = network.xSize();
        this.condition = condition;
        this.probes = probes;
        this.probeNorms = probeNorms(probes, n, d);
        this.times = new double[n];
        this.tangent = new double[n * d];
        this.output = new double[n * d];
        this.outputTangent = new double[n * d];
    }

    @Override
    public int getDimension() {
        return n * (d + 1);
    }

    /** The number of tangent evaluations of the network so far, each on the whole batch. */
    long networkEvaluations() {
        return networkEvaluations;
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        AffineVelocity velocity = velocityAt.apply(t);
        double a = velocity.xCoefficient();
        double b = velocity.outputCoefficient();
        double[] x = Arrays.copyOf(y, n * d);
        Arrays.fill(times, t);
        double[] outputTrace = probes == null ? exactTrace(x) : hutchinsonTrace(x);

        for (int k = 0; k < n * d; k++) {
            yDot[k] = a * x[k] + b * output[k];
        }
        // u^T (a I + b J_h) u with the same probe for both parts: a and b tr(J_h) are often large
        // and of opposite sign (on VP, a = f ~ -beta/2), so estimating only tr(J_h) and adding the
        // exact D a would keep the large part's variance; the whole J_v has the small one.
        for (int i = 0; i < n; i++) {
            yDot[n * d + i] = a * probeNorms[i] + b * outputTrace[i];
        }
    }

    /** u^T u per row, the probe estimate of tr(I) = D; exactly D without probes. */
    private static double[] probeNorms(double[] probes, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = d;
            if (probes != null) {
                sum = 0;
                for (int k = i * d; k < (i + 1) * d; k++) {
                    sum += probes[k] * probes[k];
                }
            }
            norms[i] = sum;
        }
        return norms;
    }

    /** tr(J_h) per row from D tangent evaluations with unit vectors; leaves h in output. */
    private double[] exactTrace(double[] x) {
        double[] trace = new double[n];
        for (int j = 0; j < d; j++) {
            Arrays.fill(tangent, 0);
            for (int i = 0; i < n; i++) {
                tangent[i * d + j] = 1;
            }
            network.evaluateWithTangent(n, times, x, condition, tangent, output, outputTangent);
            networkEvaluations++;
            for (int i = 0; i < n; i++) {
                trace[i] += outputTangent[i * d + j];
            }
        }
        return trace;
    }

    /** u^T J_h u per row with the fixed probes u; leaves h in output. */
    private double[] hutchinsonTrace(double[] x) {
        network.evaluateWithTangent(n, times, x, condition, probes, output, outputTangent);
        networkEvaluations++;
        double[] trace = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = i * d; k < (i + 1) * d; k++) {
                sum += probes[k] * outputTangent[k];
            }
            trace[i] = sum;
        }
        return trace;
    }
}
