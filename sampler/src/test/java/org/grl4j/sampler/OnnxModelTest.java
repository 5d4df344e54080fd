package org.grl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.grl4j.models.card.PathSpec;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.model.FlowModel;
import org.junit.jupiter.api.Test;

class OnnxModelTest {

    /** The fixture's data distribution N(m, diag(v)) (sampler/src/test/python/make_fixtures.py). */
    private static final double[] MEAN = {1.0, -2.0, 0.5};

    private static final double[] VARIANCE = {0.25, 1.0, 4.0};

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(OnnxModelTest.class.getResource("/onnx/" + name).toURI());
    }

    @Test
    void theExactGaussianFileSamplesTheDataMomentsWithAnAccurateSolver() throws Exception {
        try (OnnxModel model = OnnxModel.load(fixture("gaussian_vp.onnx"))) {
            assertInstanceOf(DiffusionModel.class, model.model());
            Sampler sampler =
                    model.samplerBuilder().solver(Solvers.dormandPrince54(1e-6, 1e-6)).build();
            int n = 20_000;
            double[] x = model.toDataSpace(sampler.sample(n, 3L)).x();

            // Standard error of the mean is sqrt(v / n) <= 0.0142 and of the variance
            // v sqrt(2 / n) <= 0.04; 5 standard errors (false-failure rate 6e-7 per statistic)
            // plus 0.02 for the float32 network and t_end = 1e-3 bias.
            Moments moments = Moments.of(x, MEAN.length);
            for (int j = 0; j < MEAN.length; j++) {
                double mean = moments.mean()[j];
                double variance = moments.variance()[j];
                double meanError = 5 * Math.sqrt(VARIANCE[j] / n) + 0.02;
                double varianceError = 5 * VARIANCE[j] * Math.sqrt(2.0 / n) + 0.02;
                assertEquals(MEAN[j], mean, meanError, "mean of column " + j);
                assertEquals(VARIANCE[j], variance, varianceError, "variance of column " + j);
            }
        }
    }

    @Test
    void theDefaultSolverIsReproducibleForASeed() throws Exception {
        try (OnnxModel model = OnnxModel.load(fixture("gaussian_vp.onnx"))) {
            double[] first = model.sample(100, 11L);
            assertArrayEquals(first, model.sample(100, 11L));
            assertEquals(300, first.length);
            assertTrue(java.util.Arrays.stream(first).allMatch(Double::isFinite));
        }
    }

    @Test
    void samplesAreMappedBackThroughTheCardNormalization() throws Exception {
        try (OnnxModel model = OnnxModel.load(fixture("mlp.onnx"))) {
            assertInstanceOf(FlowModel.class, model.model());
            Samples normalized =
                    model.samplerBuilder().solver(Solvers.rk4(4)).build().sample(5, 2L);
            double[] data = model.toDataSpace(normalized).x();
            // The fixture's normalization: mean (0.5, -1.0), scale (2.0, 0.25).
            for (int i = 0; i < 5; i++) {
                assertEquals(normalized.x()[2 * i] * 2.0 + 0.5, data[2 * i], 1e-12);
                assertEquals(normalized.x()[2 * i + 1] * 0.25 - 1.0, data[2 * i + 1], 1e-12);
            }
        }
    }

    @Test
    void anUnknownDiffusionPathTypeIsRefusedWithTheAllowedNames() {
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> OnnxModel.gaussianPath(PathSpec.of("cosine_vp_sde")));
        assertTrue(error.getMessage().contains("cosine_vp_sde"), error.getMessage());
        assertTrue(error.getMessage().contains("linear_vp_sde, gvp, linear"), error.getMessage());
    }
}
