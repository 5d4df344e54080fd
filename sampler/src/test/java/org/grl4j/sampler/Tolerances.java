package org.grl4j.sampler;

/** Named tolerances for the sampler tests, each with the basis for its size. */
public final class Tolerances {

    /**
     * Statistical assertions allow this many standard errors. For a normal statistic the two-sided
     * tail beyond 5 SE is 5.7e-7, so a test with a handful of such statistics has a false-failure
     * rate below 1e-5, and the whole module below 1e-4.
     */
    public static final double STANDARD_ERRORS = 5.0;

    /**
     * Dormand-Prince 8(5,3) at rtol = atol = 1e-10 tracks a smooth 2-D flow to ~1e-9; the closed
     * form flow map is accurate to ~1e-14, so 1e-7 leaves two orders of margin.
     */
    public static final double TIGHT_ODE = 1e-7;

    private Tolerances() {}
}
