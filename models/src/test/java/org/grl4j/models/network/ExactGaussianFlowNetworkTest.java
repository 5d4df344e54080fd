package org.grl4j.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.DoubleStream;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.grl4j.models.SeededRandom;
import org.grl4j.models.Tolerances;
import org.grl4j.models.path.ConstantNoisePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exact I-CFM velocity against its flow map, its moments and the continuity equation. */
class ExactGaussianFlowNetworkTest {

    private static final double[] MEAN = {0.5, -1, 2};
    private static final double[] VARIANCE = {0.3, 1.5, 0.02};
    private static final int D = MEAN.length;
    private static final double STEP = 1e-5;

    private static ExactGaussianFlowNetwork network(double sigmaMin) {
        return new ExactGaussianFlowNetwork(new ConstantNoisePath(sigmaMin), MEAN, VARIANCE);
    }

    private static double[] velocity(ExactGaussianFlowNetwork net, double t, double[] x) {
        double[] out = new double[x.length];
        net.evaluate(1, new double[] {t}, x, null, out);
        return out;
    }

    /**
     * The joint covariance of (x_1 - x_0, x_t) as A diag(1, v, 1) A^T with A mapping (x_0, x_1, z)
     * to both, computed by matrix products: the regression E[x_1 - x_0 | x_t] and the marginal
     * moments follow from it without the closed forms the network uses.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1})
    void velocityIsTheRegressionOfTheConditionalVelocityOnTheState(double sigmaMin) {
        ExactGaussianFlowNetwork net = network(sigmaMin);
        SeededRandom random = new SeededRandom(21);
        for (int i = 0; i < 50; i++) {
            double t = random.uniform(0, 1);
            double[] x = random.gaussians(D);
            double[] u = velocity(net, t, x);
            for (int j = 0; j < D; j++) {
                RealMatrix a =
                        MatrixUtils.createRealMatrix(
                                new double[][] {{-1, 1, 0}, {1 - t, t, sigmaMin}});
                RealMatrix prior =
                        MatrixUtils.createRealDiagonalMatrix(new double[] {1, VARIANCE[j], 1});
                RealMatrix joint = a.multiply(prior).multiply(a.transpose());
                double meanT = t * MEAN[j];
                double expected =
                        MEAN[j] + joint.getEntry(0, 1) / joint.getEntry(1, 1) * (x[j] - meanT);

                assertEquals(meanT, net.marginalMean(t)[j], 1e-15);
                assertEquals(joint.getEntry(1, 1), net.marginalVariance(t)[j], 1e-14);
                assertEquals(expected, u[j], 1e-13 * (Math.abs(expected) + Math.abs(x[j])));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1})
    void velocityIsTheTimeDerivativeOfTheFlowMap(double sigmaMin) {
        ExactGaussianFlowNetwork net = network(sigmaMin);
        SeededRandom random = new SeededRandom(22);
        for (int i = 0; i < 50; i++) {
            double t = random.uniform(STEP, 1 - STEP);
            double[] x = random.gaussians(D);
            double[] u = velocity(net, t, x);
            double[] ahead = net.transport(t, t + STEP, x);
            double[] behind = net.transport(t, t - STEP, x);
            for (int j = 0; j < D; j++) {
                double difference = (ahead[j] - behind[j]) / (2 * STEP);
                double allowed =
                        Tolerances.FINITE_DIFFERENCE * (Math.abs(u[j]) + Math.abs(x[j]) + 1);
                assertEquals(difference, u[j], allowed, "dx/dt at t = " + t);
            }
        }
    }

    /** Without noise the flow from t = 0 to 1 is z -> m + sqrt(v) z: N(0, 1) goes to N(m, v). */
    @Test
    void flowWithoutNoiseCarriesTheSourceExactlyToTheData() {
        ExactGaussianFlowNetwork net = network(0);
        double[] z = new SeededRandom(23).gaussians(10 * D);

        double[] y = net.transport(0, 1, z);

        for (int k = 0; k < z.length; k++) {
            int j = k % D;
            assertEquals(MEAN[j] + Math.sqrt(VARIANCE[j]) * z[k], y[k], 1e-14);
        }
        assertEquals(1.0, net.marginalVariance(0)[0], 0.0);
        assertEquals(VARIANCE[2], net.marginalVariance(1)[2], 0.0);
    }

    /**
     * The continuity equation d_t log p + u . grad log p + div u = 0, by finite differences of the
     * marginal density: the velocity transports exactly the stated marginals.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1})
    void velocityAndMarginalsSatisfyTheContinuityEquation(double sigmaMin) {
        ExactGaussianFlowNetwork net = network(sigmaMin);
        SeededRandom random = new SeededRandom(24);
        for (int i = 0; i < 50; i++) {
            double t = random.uniform(0.01, 0.99);
            double[] x = random.gaussians(D);
            double[] u = velocity(net, t, x);
            double dLogPdt =
                    (net.logDensity(t + STEP, x) - net.logDensity(t - STEP, x)) / (2 * STEP);
            double transportTerm = 0;
            for (int j = 0; j < D; j++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[j] += STEP;
                down[j] -= STEP;
                transportTerm +=
                        u[j] * (net.logDensity(t, up) - net.logDensity(t, down)) / (2 * STEP);
            }

            double residual = dLogPdt + transportTerm + net.velocityDivergence(t);

            double scale =
                    Math.abs(dLogPdt)
                            + Math.abs(transportTerm)
                            + Math.abs(net.velocityDivergence(t));
            assertEquals(0, residual, Tolerances.FINITE_DIFFERENCE * scale, "at t = " + t);
        }
    }

    @Test
    void tangentAndDivergenceMatchTheJacobian() {
        ExactGaussianFlowNetwork net = network(0.05);
        double t = 0.37;
        double[] x = {0.2, -0.4, 1.3};
        double trace = 0;
        for (int j = 0; j < D; j++) {
            double[] unit = new double[D];
            unit[j] = 1;
            double[] out = new double[D];
            double[] tangent = new double[D];
            net.evaluateWithTangent(1, new double[] {t}, x, null, unit, out, tangent);
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += STEP;
            down[j] -= STEP;
            double difference = (velocity(net, t, up)[j] - velocity(net, t, down)[j]) / (2 * STEP);

            assertEquals(difference, tangent[j], Tolerances.FINITE_DIFFERENCE);
            assertEquals(velocity(net, t, x)[j], out[j], 0.0);
            trace += tangent[j];
        }

        assertEquals(trace, net.velocityDivergence(t), 1e-15);
    }

    @Test
    void logDensityChangesByTheIntegratedDivergence() {
        ExactGaussianFlowNetwork net = network(0);
        double[] x = {0.3, 0.1, -1.2};
        double[] y = net.transport(0, 1, x);
        var integrator = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-13);
        double integral = integrator.integrate(100_000, net::velocityDivergence, 0, 1);

        double change = net.logDensity(1, y) - net.logDensity(0, x);

        // and the total change is the log-determinant of the map, sum of log sqrt(v)
        double logDeterminant = DoubleStream.of(VARIANCE).map(v -> 0.5 * Math.log(v)).sum();
        assertEquals(-integral, change, 1e-10 * Math.abs(integral));
        assertEquals(-logDeterminant, change, 1e-12 * Math.abs(logDeterminant));
    }

    @Test
    void rejectsAShortBatchWithAMessageNamingTheArray() {
        ExactGaussianFlowNetwork net = network(0);

        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> net.evaluate(2, new double[1], new double[6], null, new double[6]));
        var row =
                assertThrows(
                        IllegalArgumentException.class, () -> net.transport(0, 1, new double[4]));

        assertEquals(
                "ExactGaussianFlowNetwork: t must have at least 2 values for this batch, but had 1",
                error.getMessage());
        assertEquals(
                "ExactGaussianFlowNetwork: x must hold rows of 3 values (length a multiple of 3),"
                        + " but had 4 values",
                row.getMessage());
    }
}
