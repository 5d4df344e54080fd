package org.grl4j.models.network;

/**
 * A batch network that also returns the Jacobian-vector product of its output with respect to x
 * (DESIGN.md section 3.2): {@code hTangent = J_x h(t, x, c) · xTangent} row by row. Likelihoods use
 * it for exact traces (D tangent rows with unit vectors) and for Hutchinson estimates (one random
 * probe).
 *
 * <p>Layout as in {@link BatchNetwork}: {@code xTangent} and {@code hTangent} are {@code [N * D]}
 * row-major. Time and condition carry no tangent.
 */
public interface TangentNetwork extends BatchNetwork {

    /**
     * Evaluates h and its directional derivative along {@code xTangent} on {@code n} rows.
     *
     * @param out receives h, length N * D
     * @param hTangent receives J_x h · xTangent, length N * D
     */
    void evaluateWithTangent(
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent);
}
