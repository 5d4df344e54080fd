package org.grl4j.exporter;

/** Named tolerances for the exporter tests, each with the basis for its size. */
public final class ExportTolerances {

    /**
     * Float32 evaluation of a few hundred multiply-adds per output against a double (or float)
     * reference: rounding grows like sqrt(terms) * 6e-8 relative to the largest output, well under
     * 1e-5 (the parity bound of issue #5).
     */
    public static final double PARITY = 1e-5;

    /**
     * A central finite difference in double with step 1e-6 on inputs of order 1 has truncation
     * error ~1e-12 times the third derivative; the float32 tangent it is compared with carries
     * ~1e-6 relative rounding, so the parity bound applies unchanged.
     */
    public static final double TANGENT = 1e-5;

    private ExportTolerances() {}
}
