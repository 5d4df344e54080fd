package org.grl4j.models.network;

/**
 * The batch network contract shared by every module: h = network(t, x, condition) for N rows at
 * once (DESIGN.md section 1).
 *
 * <p>Arrays are row-major: {@code t[N]}, {@code x[N * D]}, {@code condition[N * C]} (or {@code
 * null} for an unconditional network) and {@code out[N * D]}. The time is in the model's own
 * convention, and the output is in the network's declared parameterization; the model that owns the
 * network knows both. Implementations must be safe to call from several threads at once.
 */
public interface BatchNetwork {

    /** D, the width of one row of x and of the output. */
    int xSize();

    /** C, the width of one condition row, or 0 for an unconditional network. */
    int conditionSize();

    /**
     * Evaluates the network on {@code n} rows and writes h into {@code out}.
     *
     * @param n the number of rows N
     * @param t the time of each row, length N
     * @param x the states, length N * D
     * @param condition the conditions, length N * C, or null when {@link #conditionSize()} is 0
     * @param out receives h, length N * D; may not alias {@code x}
     */
    void evaluate(int n, double[] t, double[] x, double[] condition, double[] out);
}
