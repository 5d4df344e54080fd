package org.grl4j.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs several trials in rounds, each trial once per round in a fixed order, so that load from
 * other processes on a shared machine falls on every trial alike and ratios between them are fair
 * even when absolute times drift. A trial returns its measurements of one round (one or more wall
 * times in nanoseconds); the results gather all rounds after the warm-up rounds.
 */
final class RoundRobin {

    private final Map<String, Supplier<double[]>> trials = new LinkedHashMap<>();

    void add(String name, Supplier<double[]> trial) {
        trials.put(name, trial);
    }

    boolean isEmpty() {
        return trials.isEmpty();
    }

    /** Runs {@code warmup} untimed rounds, then {@code rounds} timed ones. */
    Map<String, Timings> run(int warmup, int rounds, String label, PrintWriter progress) {
        for (int round = 0; round < warmup; round++) {
            report(progress, label + ": warm-up round " + (round + 1) + " of " + warmup);
            trials.values().forEach(Supplier::get);
        }
        Map<String, double[]> gathered = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            report(progress, label + ": round " + (round + 1) + " of " + rounds);
            for (Map.Entry<String, Supplier<double[]>> trial : trials.entrySet()) {
                gathered.merge(trial.getKey(), trial.getValue().get(), RoundRobin::concat);
            }
        }
        Map<String, Timings> results = new LinkedHashMap<>();
        gathered.forEach((name, nanos) -> results.put(name, new Timings(nanos)));
        return results;
    }

    private static void report(PrintWriter progress, String message) {
        progress.println("bench: " + message);
        progress.flush();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
