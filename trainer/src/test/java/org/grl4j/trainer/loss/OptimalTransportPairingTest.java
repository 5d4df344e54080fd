package org.grl4j.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalTransportPairingTest {

    @Test
    void sourceOrderCostEqualsTheBruteForceOptimumOnSmallBatches() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + trial % 7;
            int d = 1 + trial % 3;
            float[] a = new float[n * d];
            float[] b = new float[n * d];
            for (int i = 0; i < n * d; i++) {
                // A coarse grid makes ties between pairings common, which tests the tie handling.
                a[i] = trial % 2 == 0 ? (float) random.nextGaussian() : random.nextInt(3);
                b[i] = trial % 2 == 0 ? (float) random.nextGaussian() : random.nextInt(3);
            }
            int[] pairing = ConditionalFlowMatchingLoss.optimalSourceOrder(a, b, n, d);

            int[] sorted = pairing.clone();
            Arrays.sort(sorted);
            int[] identity = new int[n];
            Arrays.setAll(identity, i -> i);
            assertArrayEquals(identity, sorted, "a permutation");
            int[] best = LossOracleTest.bestPermutation(rows(a, n, d), rows(b, n, d));
            assertEquals(cost(a, b, best, d), cost(a, b, pairing, d), 1e-9, "trial " + trial);
        }
    }

    private static double cost(float[] a, float[] b, int[] pairing, int d) {
        double total = 0;
        for (int j = 0; j < pairing.length; j++) {
            for (int k = 0; k < d; k++) {
                double diff = (double) a[pairing[j] * d + k] - b[j * d + k];
                total += diff * diff;
            }
        }
        return total;
    }

    private static double[][] rows(float[] flat, int n, int d) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n * d; i++) {
            out[i / d][i % d] = flat[i];
        }
        return out;
    }
}
