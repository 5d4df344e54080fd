package org.grl4j.cli.fidelity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces a run's seed s for one source of randomness only, so that an experiment can tell which
 * of them makes a run good or bad: the network initialization (s; the SF2M score network s + 1),
 * the training data draws (1000 s + 1 targets, 1000 s + 3 sources) or the trainer's stream
 * (batches, times, noise). The test sets, the prior draws and the SDE noise always follow s, so
 * that runs with and without an override are measured against the same points.
 *
 * @param init the seed that initializes the networks, or null for the run's seed
 * @param data the seed of the training data draws, or null for the run's seed
 * @param trainer the trainer's seed, or null for the run's seed
 */
public record SeedOverrides(Long init, Long data, Long trainer) {

    /** No override: every source of randomness follows the run's seed. */
    public static final SeedOverrides NONE = new SeedOverrides(null, null, null);

    /** The initialization seed of a run with seed {@code seed}. */
    long initSeed(long seed) {
        return init == null ? seed : init;
    }

    /** The data-draw seed of a run with seed {@code seed}. */
    long dataSeed(long seed) {
        return data == null ? seed : data;
    }

    /** The trainer seed of a run with seed {@code seed}. */
    long trainerSeed(long seed) {
        return trainer == null ? seed : trainer;
    }

    /** The overrides that are set, by name ({@code init}, {@code data}, {@code trainer}). */
    public Map<String, Long> asMap() {
        Map<String, Long> set = new LinkedHashMap<>();
        if (init != null) {
            set.put("init", init);
        }
        if (data != null) {
            set.put("data", data);
        }
        if (trainer != null) {
            set.put("trainer", trainer);
        }
        return set;
    }
}
