package org.grl4j.exporter.parity;

/**
 * How a parity check draws its inputs and what it accepts.
 *
 * <p>Inputs: t ~ U(0, 1), x, condition and the tangent direction ~ N(0, 1), from one generator
 * seeded with {@code seed}. Errors are measured relative to the output's size, max |onnx - djl| /
 * max |djl| over the whole batch.
 *
 * @param rows N, the batch size of the check, at least 1
 * @param seed the seed of the random inputs
 * @param tolerance the largest relative error accepted for h (issue #5 asks for 1e-5)
 * @param tangentTolerance the largest relative error accepted for h_tangent against a float32
 *     central difference of the DJL network with step {@code tangentStep}; the difference itself is
 *     only good to ~1e-4 (rounding 6e-8 |h| / step plus step² |h'''| / 6), hence a looser bound.
 *     Rows with a kink inside the step are left out (see {@link ParityCheck}). The exporter's tests
 *     check the tangent in double to 1e-5.
 * @param tangentStep the finite-difference step along the tangent direction, positive
 */
public record ParityOptions(
        int rows, long seed, double tolerance, double tangentTolerance, double tangentStep) {

    /** The default check: 64 rows, seed 0, 1e-5 on h, 1e-3 on the tangent with step 1e-3. */
    public static ParityOptions defaults() {
        return new ParityOptions(64, 0L, 1e-5, 1e-3, 1e-3);
    }

    /** Validates every field, naming the bad one. */
    public ParityOptions {
        if (rows < 1) {
            throw new IllegalArgumentException(
                    "parity rows is " + rows + "; use at least 1 (64 is the default)");
        }
        requirePositive("tolerance", tolerance);
        requirePositive("tangentTolerance", tangentTolerance);
        requirePositive("tangentStep", tangentStep);
    }

    /** The same options with another row count. */
    public ParityOptions withRows(int newRows) {
        return new ParityOptions(newRows, seed, tolerance, tangentTolerance, tangentStep);
    }

    /** The same options with another tolerance on h. */
    public ParityOptions withTolerance(double newTolerance) {
        return new ParityOptions(rows, seed, newTolerance, tangentTolerance, tangentStep);
    }

    /** The same options with another seed. */
    public ParityOptions withSeed(long newSeed) {
        return new ParityOptions(rows, newSeed, tolerance, tangentTolerance, tangentStep);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "parity " + name + " is " + value + "; it must be finite and positive");
        }
    }
}
