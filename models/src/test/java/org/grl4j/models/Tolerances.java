package org.grl4j.models;

/** Named tolerances for the models tests, each with the basis for its size. */
public final class Tolerances {

    /** Closed-form reference values are given to 9 significant digits in DESIGN.md. */
    public static final double REFERENCE_TABLE = 1e-9;

    /** A round trip through two double-precision formulas loses a few ulps, times conditioning. */
    public static final double ROUND_TRIP = 1e-12;

    /**
     * A central finite difference with step 1e-5 has truncation error ~1e-10 times the third
     * derivative and rounding error ~1e-11; 1e-6 relative leaves room for both.
     */
    public static final double FINITE_DIFFERENCE = 1e-6;

    private Tolerances() {}
}
