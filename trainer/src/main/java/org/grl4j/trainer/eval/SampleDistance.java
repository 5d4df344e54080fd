package org.grl4j.trainer.eval;

import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;

/**
 * The exact 2-Wasserstein distance between {@code n} fresh model samples and the first {@code n}
 * held-out points. The sampler is any function from a row count to row-major samples in the same
 * space as the held-out points (for instance the sampler's {@code Sampler} over a {@code
 * DjlBatchNetwork}, then mapped back to data space). Exact W2 costs about n^2 to n^3 operations:
 * keep n in the low thousands while training.
 */
public final class SampleDistance implements DoubleSupplier {

    private final IntFunction<double[]> sampler;
    private final PointSet reference;

    /**
     * @param sampler draws {@code n} samples, {@code [n * D]}
     * @param heldOut the held-out data; its first {@code n} rows are the reference
     * @param n how many samples to compare, at most the held-out size
     */
    public SampleDistance(IntFunction<double[]> sampler, PointSet heldOut, int n) {
        if (n < 1 || n > heldOut.size()) {
            throw new IllegalArgumentException(
                    "W2 evaluation needs 1 <= n <= held-out size "
                            + heldOut.size()
                            + ", found n = "
                            + n
                            + "; hold out more rows or compare fewer samples");
        }
        this.sampler = sampler;
        this.reference = heldOut.slice(0, n);
    }

    @Override
    public double getAsDouble() {
        double[] samples = sampler.apply(reference.size());
        PointSet drawn = PointSet.of(reference.size(), reference.dimension(), samples);
        return Wasserstein.distance(drawn, reference);
    }
}
