package org.grl4j.models.path;

/** Validation of path constructor arguments, with messages that name the key and the fix. */
final class PathArguments {

    private PathArguments() {}

    /** Returns {@code value} if it is finite and strictly positive, else throws. */
    static double positive(String pathType, String key, double value, String example) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(
                    pathType
                            + " path: "
                            + key
                            + " must be a finite number > 0, but was "
                            + value
                            + "; set "
                            + key
                            + " to a positive value such as "
                            + example);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and not negative, else throws. */
    static double nonNegative(String pathType, String key, double value, String example) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    pathType
                            + " path: "
                            + key
                            + " must be a finite number >= 0, but was "
                            + value
                            + "; set "
                            + key
                            + " to a non-negative value such as "
                            + example);
        }
        return value;
    }
}
