package org.grl4j.models.path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relative comparisons for path tests, with an absolute floor for reference values of zero. */
final class PathAssertions {

    private PathAssertions() {}

    /** Asserts |actual - expected| <= relative |expected|, or <= relative when expected is 0. */
    static void assertRelative(double expected, double actual, double relative, String what) {
        assertScaled(expected, actual, relative, expected == 0 ? 1 : 0, what);
    }

    /**
     * Asserts |actual - expected| <= relative max(|expected|, floor): relative agreement, but
     * absolute near zero, where a quantity computed as a difference of O(floor) terms has an
     * absolute error of O(floor ulp).
     */
    static void assertScaled(
            double expected, double actual, double relative, double floor, String what) {
        double allowed = relative * Math.max(Math.abs(expected), floor);
        assertTrue(
                Math.abs(actual - expected) <= allowed,
                () ->
                        what
                                + ": expected "
                                + expected
                                + " but was "
                                + actual
                                + " (relative error "
                                + Math.abs(actual - expected) / Math.abs(expected)
                                + ", allowed "
                                + relative
                                + ")");
    }

    /** Looks up one of the three diffusion paths by the short names used in the test tables. */
    static GaussianPath path(String name) {
        return switch (name) {
            case "vp" -> new LinearVpPath(0.1, 20);
            case "gvp" -> new GvpPath();
            case "linear" -> new LinearPath();
            default -> throw new IllegalArgumentException("unknown test path " + name);
        };
    }
}
