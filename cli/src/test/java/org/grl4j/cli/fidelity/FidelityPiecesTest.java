package org.grl4j.cli.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.FlowModel;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.junit.jupiter.api.Test;

/** Closed-form checks of the pieces the fidelity experiment is built from. */
class FidelityPiecesTest {

    /** v(t, x) = (3, -4) t: PE = 25 integral_0^1 t^2 dt = 25/3; Euler's left sum is lower. */
    @Test
    void energyMeterIntegratesTheSquaredSpeedOverTheEulerGrid() {
        BatchNetwork linearInTime =
                new BatchNetwork() {
                    @Override
                    public int xSize() {
                        return 2;
                    }

                    @Override
                    public int conditionSize() {
                        return 0;
                    }

                    @Override
                    public void evaluate(
                            int n, double[] t, double[] x, double[] condition, double[] out) {
                        for (int i = 0; i < n; i++) {
                            out[2 * i] = 3 * t[i];
                            out[2 * i + 1] = -4 * t[i];
                        }
                    }
                };
        int rows = 7;
        double[] coarseAndFine = new double[2];
        int[] steps = {10, 1000};
        for (int k = 0; k < 2; k++) {
            EnergyMeter meter = new EnergyMeter(linearInTime);
            Sampler.builder(new FlowModel(meter))
                    .solver(Solvers.euler(steps[k]))
                    .build()
                    .sampleFrom(new double[2 * rows], null, 1);
            coarseAndFine[k] = meter.pathEnergy(rows, steps[k]);
        }
        // The left Riemann sum of 25 t^2 on N steps is 25 (N - 1)(2N - 1) / (6 N^2).
        assertEquals(25.0 * 9 * 19 / 600, coarseAndFine[0], 1e-12);
        assertEquals(25.0 / 3, coarseAndFine[1], 0.02);
        assertTrue(
                Math.abs(coarseAndFine[0] - 25.0 / 3) > 10 * Math.abs(coarseAndFine[1] - 25.0 / 3));
    }

    @Test
    void normalizedPathEnergyIsTheRelativeExcessOverTheSquaredDistance() {
        assertEquals(0.25, Measurement.normalize(5.0, 2.0), 1e-15);
        assertEquals(0.25, Measurement.normalize(3.0, 2.0), 1e-15);
        assertEquals(0.0, Measurement.normalize(4.0, 2.0), 1e-15);
    }

    @Test
    void twoDimMoonsHavePooledMeanZeroAndPooledDeviationSeven() {
        double[] xy = FidelityTask.twoDimMoons(5000, 3).toArray();
        double mean = Arrays.stream(xy).average().orElseThrow();
        double var = Arrays.stream(xy).map(v -> (v - mean) * (v - mean)).sum() / (xy.length - 1);
        assertEquals(0.0, mean, 1e-12);
        assertEquals(7.0, Math.sqrt(var), 1e-12);
    }

    /**
     * The 8 Gaussians of the twodim task sit at radius 12; a point's distance to the origin has
     * mean about 12 (deviation 1.5 per axis): the sample mean of 4000 radii has a standard error
     * near 0.024, so a 0.15 band fails with probability far below 1e-9.
     */
    @Test
    void twoDimEightGaussiansSitAtRadiusTwelve() {
        PointSet points = FidelityTask.MOONS_TO_8GAUSSIANS.target(4000, 5);
        double radius = 0;
        for (int i = 0; i < points.size(); i++) {
            radius += Math.hypot(points.get(i, 0), points.get(i, 1));
        }
        radius /= points.size();
        // E|c + 1.5 z| for |c| = 12 is 12 + 1.5^2 / (2 * 12) to first order.
        assertEquals(12 + 2.25 / 24, radius, 0.15);
    }

    @Test
    void sampleStandardDeviationUsesNMinusOne() {
        List<Measurement> rows = List.of(row(1.0), row(2.0), row(3.0), row(6.0));
        assertEquals(3.0, FidelityReport.mean(rows, Measurement::w2), 1e-15);
        assertEquals(Math.sqrt(14.0 / 3), FidelityReport.std(rows, Measurement::w2), 1e-15);
        assertTrue(Double.isNaN(FidelityReport.std(List.of(row(1.0)), Measurement::w2)));
    }

    @Test
    void paperPresetMatchesThePublishedProtocol() {
        FidelityProtocol paper = FidelityProtocol.load("paper");
        assertEquals(List.of(64, 64, 64), paper.hiddenWidths());
        assertEquals(1e-3, paper.learningRate());
        assertEquals(1e-5, paper.weightDecay());
        assertEquals(512, paper.batchSize());
        assertEquals(20_000, paper.steps());
        assertEquals(10_000, paper.trainPoints());
        assertEquals(10_000, paper.testPoints());
        assertEquals(0.1, paper.sigma());
        assertEquals(100, paper.eulerSteps());
        assertEquals(FidelityProtocol.PERMUTATION, paper.otPairs());
    }

    @Test
    void protocolOtPairsDefaultsToThePermutationAndRejectsOtherNames() {
        FidelityProtocol quick = FidelityProtocol.load("quick");
        assertEquals(ConditionalFlowMatchingLoss.Coupling.OPTIMAL_TRANSPORT, quick.coupling());
        assertEquals(
                ConditionalFlowMatchingLoss.Coupling.OPTIMAL_TRANSPORT_SAMPLED,
                quick.withOtPairs(FidelityProtocol.SAMPLED).coupling());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> quick.withOtPairs("plan"));
        assertTrue(
                e.getMessage().contains("otPairs")
                        && e.getMessage().contains("permutation or sampled")
                        && e.getMessage().contains("plan"),
                e.getMessage());
    }

    @Test
    void protocolRejectsASmallTestSetLargerThanTheTestSet() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new FidelityProtocol(
                                        List.of(64),
                                        1e-3,
                                        0,
                                        8,
                                        10,
                                        100,
                                        50,
                                        60,
                                        0.1,
                                        0.1,
                                        10,
                                        null));
        assertTrue(e.getMessage().contains("smallTestPoints"), e.getMessage());
    }

    @Test
    void randomSubsetDrawsDistinctIndicesAndCoversTheRange() {
        int[] subset = FidelityExperiment.randomSubset(1000, 100, 9);
        assertEquals(100, Arrays.stream(subset).distinct().count());
        assertTrue(Arrays.stream(subset).allMatch(i -> i >= 0 && i < 1000));
        // 100 of 1000 uniform indices: the largest is below 500 with probability 0.5^100.
        assertTrue(Arrays.stream(subset).max().orElseThrow() >= 500);
        int[] all = FidelityExperiment.randomSubset(50, 50, 9);
        assertEquals(50, Arrays.stream(all).distinct().count());
    }

    private static Measurement row(double w2) {
        return new Measurement("gaussian-moons", "otcfm", 1, w2, w2, 0, 1, 0, 0, 0, 0, 0, 20000);
    }
}
