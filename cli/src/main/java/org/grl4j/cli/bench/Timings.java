package org.grl4j.cli.bench;

import java.util.Arrays;

/**
 * Repeated wall-clock measurements of one figure, in nanoseconds, with the order statistics the
 * table reports: median, percentiles (nearest rank), minimum and maximum.
 */
final class Timings {

    private final double[] sorted;

    Timings(double[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measurements; run at least one repetition");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** The measurements, sorted ascending. */
    double[] values() {
        return sorted.clone();
    }

    int count() {
        return sorted.length;
    }

    double median() {
        return percentile(50);
    }

    /**
     * The nearest-rank percentile: the smallest value with at least p % of the values at or below.
     */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    /** (max - min) / median: how far apart the repetitions were. */
    double relativeSpread() {
        return (max() - min()) / median();
    }
}
