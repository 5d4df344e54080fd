package org.grl4j.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.model.ConditionShiftedNetwork;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.sde.RowNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SamplerTest {

    private static final GaussianPath PATH = new LinearVpPath(0.1, 20);

    private static DiffusionModel model() {
        return new DiffusionModel(
                PATH,
                Parameterization.NOISE_FUNCTION,
                new ExactGaussianNetwork(
                        PATH,
                        new double[] {1, -0.5},
                        new double[] {0.25, 0.64},
                        Parameterization.NOISE_FUNCTION));
    }

    private static DiffusionModel conditionalModel() {
        return new DiffusionModel(
                PATH, Parameterization.NOISE_FUNCTION, new ConditionShiftedNetwork(PATH, 2, 0.01));
    }

    @Test
    void threeLinesSampleAndReportTheirCost() {
        Sampler sampler = Sampler.builder(model()).solver(Solvers.euler(20)).build();
        Samples samples = sampler.sample(5, 42L);

        assertEquals(10, samples.x().length);
        assertEquals(5, samples.rows());
        assertEquals(20, samples.evaluations());
        assertTrue(samples.wallNanos() > 0);
        assertEquals(1.0, sampler.startTime());
        assertEquals(0.0, sampler.endTime());
        assertEquals(1e-3, Sampler.builder(model()).solver(Solvers.rk4(2)).build().endTime());
        assertEquals(
                1e-3, Sampler.builder(model()).solver(Solvers.eulerMaruyama(2)).build().endTime());
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        Sampler sampler = Sampler.builder(model()).solver(Solvers.eulerMaruyama(10)).build();
        assertArrayEquals(sampler.sample(20, 1L).x(), sampler.sample(20, 1L).x());
        assertTrue(!Arrays.equals(sampler.sample(20, 1L).x(), sampler.sample(20, 2L).x()));
    }

    @Test
    void rowsOfAFixedStepSolverDoNotDependOnTheBatchSize() {
        Sampler sampler = Sampler.builder(model()).solver(Solvers.eulerMaruyama(10)).build();
        double[] small = sampler.sample(3, 9L).x();
        double[] large = sampler.sample(40, 9L).x();
        assertArrayEquals(small, Arrays.copyOf(large, small.length));
    }

    @Test
    void sixteenThreadsSharingOneSamplerGiveBitIdenticalResults() throws Exception {
        for (Sampler sampler :
                new Sampler[] {
                    Sampler.builder(model()).solver(Solvers.eulerMaruyama(30)).build(),
                    Sampler.builder(model()).solver(Solvers.dormandPrince54()).build()
                }) {
            int calls = 64;
            List<double[]> sequential = new ArrayList<>();
            for (int seed = 0; seed < calls; seed++) {
                sequential.add(sampler.sample(50, seed).x());
            }

            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<double[]>> parallel = new ArrayList<>();
                for (int seed = 0; seed < calls; seed++) {
                    long s = seed;
                    parallel.add(pool.submit(() -> sampler.sample(50, s).x()));
                }
                for (int seed = 0; seed < calls; seed++) {
                    assertArrayEquals(sequential.get(seed), parallel.get(seed).get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void kSamplesPerConditionAreLaidOutConditionByCondition() {
        // Data N(c, 0.01 I): every sample lies within 0.5 (5 sd) of its own condition and 9.5 from
        // the others.
        double[] conditions = {10, 0, -10, 0, 0, 10};
        int k = 4;
        Sampler sampler = Sampler.builder(conditionalModel()).solver(Solvers.rk4(20)).build();

        Samples samples = sampler.sample(conditions, k, 3L);

        assertEquals(12, samples.rows());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < k; j++) {
                double[] row = samples.row(i * k + j);
                assertEquals(conditions[2 * i], row[0], 0.5, "sample " + j + " of " + i);
                assertEquals(conditions[2 * i + 1], row[1], 0.5, "sample " + j + " of " + i);
            }
        }
    }

    @Test
    void oneConditionPerSampleIsTheCaseOfOneSamplePerCondition() {
        Sampler sampler = Sampler.builder(conditionalModel()).solver(Solvers.rk4(20)).build();
        double[] conditions = {1, 2, 3, 4};

        double[] x = sampler.sample(conditions, 1, 3L).x();
        double[] same = sampler.sampleFrom(new RowNoise(3L, 2).next(2), conditions, 3L).x();

        assertArrayEquals(x, same);
    }

    @Test
    void badInputsFailWithMessagesThatNameTheValueAndTheFix() {
        Sampler sampler = Sampler.builder(model()).solver(Solvers.euler(4)).build();
        Sampler conditional = Sampler.builder(conditionalModel()).solver(Solvers.euler(4)).build();

        assertMessage(() -> sampler.sample(0, 1L), "found 0");
        assertMessage(() -> sampler.sampleFrom(new double[] {1, 2, 3}, null, 1L), "3 values");
        assertMessage(
                () -> sampler.sampleFrom(new double[] {1, Double.NaN}, null, 1L), "NaN at row 0");
        assertMessage(() -> sampler.sample(new double[] {1, 2}, 1, 1L), "unconditional");
        assertMessage(() -> conditional.sample(5, 1L), "conditional");
        assertMessage(() -> conditional.sample(new double[] {1, 2, 3}, 2, 1L), "width 2");
        assertMessage(
                () -> conditional.sample(new double[] {1, Double.POSITIVE_INFINITY}, 2, 1L),
                "Infinity");
        assertMessage(() -> conditional.sample(new double[] {1, 2}, 0, 1L), "samplesPerCondition");
        assertMessage(
                () -> conditional.sampleFrom(new double[] {0, 0, 0, 0}, new double[] {1, 2}, 1L),
                "expected 4");
        assertMessage(() -> Solvers.euler(-1), "found -1");
        assertMessage(() -> Solvers.dormandPrince54(0, 1e-5), "relative tolerance");
        assertMessage(() -> Sampler.builder(model()).eta(-1), "eta");
        assertMessage(() -> Sampler.builder(model()).timeSpan(0.5, 0.5), "0.5");
    }

    @Test
    void aMissingSolverOrEtaOnAnOdeSolverIsAConfigurationError() {
        IllegalStateException none =
                assertThrows(IllegalStateException.class, () -> Sampler.builder(model()).build());
        assertTrue(none.getMessage().contains("Solvers.euler"), none.getMessage());
        IllegalStateException eta =
                assertThrows(
                        IllegalStateException.class,
                        () -> Sampler.builder(model()).solver(Solvers.rk4(4)).eta(1).build());
        assertTrue(eta.getMessage().contains("eulerMaruyama"), eta.getMessage());
    }

    @Test
    void aTimeSpanOverridesTheModelDefaults() {
        Sampler sampler =
                Sampler.builder(model()).solver(Solvers.rk4(4)).timeSpan(0.9, 0.05).build();
        assertEquals(0.9, sampler.startTime());
        assertEquals(0.05, sampler.endTime());
    }

    private static void assertMessage(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
