package org.grl4j.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.junit.jupiter.api.Test;

class TimeSamplingTest {

    private static final int DRAWS = 20_000;

    /**
     * Kolmogorov-Smirnov bound at false-failure rate 1e-6 for 20 000 draws: sqrt(ln(2 / 1e-6) / (2
     * n)) = 0.0190. Checked at 40 points of the CDF, which can only lower the rate.
     */
    private static final double KS_BOUND = 0.019;

    @Test
    void maximumLikelihoodTimesHaveDensityProportionalToG2OverSigma2() {
        for (GaussianPath path :
                List.of(new LinearVpPath(0.1, 20), new GvpPath(), new LinearPath())) {
            TimeSampling sampling = TimeSampling.maximumLikelihood();
            double[] t = sampling.draw(path, DRAWS, new SplittableRandom(3));
            Arrays.sort(t);
            double total = integral(path, sampling.tMin(), sampling.tMax());
            double worst = 0;
            for (int k = 1; k < 40; k++) {
                double quantile = t[k * DRAWS / 40];
                double cdf = integral(path, sampling.tMin(), quantile) / total;
                worst = Math.max(worst, Math.abs(cdf - (double) (k * DRAWS / 40) / DRAWS));
            }
            assertTrue(worst < KS_BOUND, path + ": largest CDF gap " + worst);
            assertTrue(t[0] >= sampling.tMin() && t[DRAWS - 1] <= sampling.tMax() + 1e-7);
        }
    }

    @Test
    void vanillaTimesAreUniformOnTheirRange() {
        double[] t = TimeSampling.vanilla().draw(new GvpPath(), DRAWS, new SplittableRandom(4));
        Arrays.sort(t);
        double worst = 0;
        for (int k = 1; k < 40; k++) {
            double quantile = t[k * DRAWS / 40];
            double cdf = (quantile - 1e-5) / (1 - 1e-5);
            worst = Math.max(worst, Math.abs(cdf - (double) (k * DRAWS / 40) / DRAWS));
        }
        assertTrue(worst < KS_BOUND, "largest CDF gap " + worst);
    }

    @Test
    void theDefaultIsMaximumLikelihoodAsInGenerativeRl() {
        assertEquals(
                TimeSampling.Scheme.MAXIMUM_LIKELIHOOD, TimeSampling.defaultSampling().scheme());
    }

    @Test
    void maximumLikelihoodRefusesAnInfiniteLogSnrRange() {
        TimeSampling toOne = new TimeSampling(TimeSampling.Scheme.MAXIMUM_LIKELIHOOD, 1e-5, 1.0);
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> toOne.draw(new LinearPath(), 4, new SplittableRandom(1)));
        assertTrue(error.getMessage().contains("t_max < 1"), error.getMessage());
    }

    /**
     * The integral of g^2 / sigma^2 from a to b by Simpson's rule on u = log(t / (1 - t)), where
     * the integrand's 1/t and 1/(1 - t) ends become smooth; 20 000 intervals.
     */
    private static double integral(GaussianPath path, double a, double b) {
        double ua = Math.log(a / (1 - a));
        double ub = Math.log(b / (1 - b));
        int intervals = 20_000;
        double h = (ub - ua) / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double u = ua + i * h;
            double t = 1 / (1 + Math.exp(-u));
            double jacobian = t * (1 - t);
            double sigma = path.std(t);
            double value = path.diffusionSquared(t) / (sigma * sigma) * jacobian;
            sum += value * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
