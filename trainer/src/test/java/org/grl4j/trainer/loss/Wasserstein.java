package org.grl4j.trainer.loss;

/** Exact empirical W2 between two equal-size point sets, for tests in other packages. */
public final class Wasserstein {

    private Wasserstein() {}

    /** sqrt(min over permutations of the mean squared distance), rows of width d. */
    public static double w2(float[] a, float[] b, int n, int d) {
        int[] pairing = ExactAssignment.pairing(a, b, n, d);
        double total = 0;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < d; k++) {
                double diff = (double) a[pairing[j] * d + k] - b[j * d + k];
                total += diff * diff;
            }
        }
        return Math.sqrt(total / n);
    }
}
