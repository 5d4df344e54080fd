package org.grl4j.sampler.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.network.ExactGaussianFlowNetwork;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.Moments;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.model.FlowModel;
import org.junit.jupiter.api.Test;

class InpaintingTest {

    private static final GaussianPath PATH = new LinearVpPath(0.1, 20);
    private static final double[] MEAN = {1.0, -0.5};
    private static final double[] VARIANCE = {0.25, 0.64};

    private static DiffusionModel model() {
        return new DiffusionModel(
                PATH,
                Parameterization.DATA_PREDICTION_FUNCTION,
                new ExactGaussianNetwork(
                        PATH, MEAN, VARIANCE, Parameterization.DATA_PREDICTION_FUNCTION));
    }

    @Test
    void fixedCoordinatesEndExactlyAtTheirValuesWithOdeAndSdeSolvers() {
        int n = 100;
        double[] fixed = new double[2 * n];
        double[] mask = new double[2 * n];
        for (int i = 0; i < n; i++) {
            fixed[2 * i] = Double.NaN; // generated: ignored
            fixed[2 * i + 1] = 0.01 * i - 0.3;
            mask[2 * i] = 1;
            if (i % 3 == 0) { // some rows keep the first coordinate too
                fixed[2 * i] = 7.5;
                mask[2 * i] = 0;
            }
        }
        for (Sampler sampler :
                new Sampler[] {
                    Sampler.builder(model()).solver(Solvers.dormandPrince54()).build(),
                    Sampler.builder(model()).solver(Solvers.eulerMaruyama(50)).build()
                }) {
            double[] x = sampler.inpaint(fixed, mask, null, 4L).x();

            for (int i = 0; i < 2 * n; i++) {
                if (mask[i] == 0) {
                    assertEquals(fixed[i], x[i], 0.0, "index " + i);
                } else {
                    assertTrue(Double.isFinite(x[i]) && x[i] != fixed[i], "index " + i);
                }
            }
        }
    }

    @Test
    void generatedCoordinatesFollowTheirMarginal() {
        // The exact network treats dimensions independently, so the generated coordinate follows
        // N(m_0, v_0) whatever the fixed one. n = 20 000, RK4 with 10 steps (B = 5e-4 as in the
        // moment tests); 5 standard errors, false-failure rate below 1e-5.
        int n = 20_000;
        double[] fixed = new double[2 * n];
        for (int i = 0; i < n; i++) {
            fixed[2 * i + 1] = 3.0;
        }
        Sampler sampler = Sampler.builder(model()).solver(Solvers.rk4(10)).build();

        Samples samples = sampler.inpaint(fixed, new double[] {1, 0}, null, 21L);

        Moments moments = Moments.of(samples.x(), 2);
        double s = PATH.scale(sampler.endTime());
        double sigma = PATH.std(sampler.endTime());
        double variance = s * s * VARIANCE[0] + sigma * sigma;
        double k = 5;
        assertEquals(s * MEAN[0], moments.mean()[0], k * Moments.meanError(variance, n) + 5e-4);
        assertEquals(
                variance,
                moments.variance()[0],
                k * Moments.varianceError(variance, n) + 2 * Math.sqrt(variance) * 5e-4);
        assertEquals(3.0, moments.mean()[1], 0.0);
    }

    @Test
    void badMasksAndNonFiniteFixedValuesAreRejected() {
        Sampler sampler = Sampler.builder(model()).solver(Solvers.euler(5)).build();
        double[] fixed = {0, 0, 0, 0};

        IllegalArgumentException half =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> sampler.inpaint(fixed, new double[] {0.5, 1}, null, 1L));
        assertTrue(half.getMessage().contains("0.5"), half.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> sampler.inpaint(fixed, new double[] {1, 0, 1}, null, 1L));
        IllegalArgumentException nan =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                sampler.inpaint(
                                        new double[] {0, Double.NaN, 0, 0},
                                        new double[] {1, 0},
                                        null,
                                        1L));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    @Test
    void aModelWithoutANoisingPathCannotInpaint() {
        Sampler sampler =
                Sampler.builder(
                                new FlowModel(
                                        new ExactGaussianFlowNetwork(
                                                new ConstantNoisePath(0), MEAN, VARIANCE)))
                        .solver(Solvers.euler(5))
                        .build();
        assertThrows(
                IllegalArgumentException.class,
                () -> sampler.inpaint(new double[2], new double[] {1, 0}, null, 1L));
    }
}
