package org.grl4j.sampler.ode;

/**
 * The right-hand side of a batch ODE dx/dt = F(t, x): N independent rows of width D that share one
 * time.
 *
 * <p>Arrays are row-major {@code double[N * D]}. A field is built for one sampling call (it may own
 * scratch buffers sized for that call's N) and is used by one thread; models hand out a fresh field
 * per call, which is what makes a shared sampler thread-safe.
 */
public interface VectorField {

    /** D, the width of one row. */
    int dimension();

    /**
     * Writes F(t, x) into {@code out} for {@code n} rows.
     *
     * @param n the number of rows N
     * @param t the time, shared by all rows
     * @param x the state, length N * D; not modified
     * @param out receives the derivative, length N * D; never aliases {@code x}
     */
    void evaluate(int n, double t, double[] x, double[] out);
}
