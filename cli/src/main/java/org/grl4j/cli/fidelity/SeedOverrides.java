package org.grl4j.cli.fidelity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces a run's seed s for one source of randomness only, so that an experiment can tell which
 * of them makes a run good or bad: the network initialization (s; the SF2M score network s + 1),
 * the training data draws (1000 s + 1 targets, 1000 s + 3 sources; the sources can be given a seed
 * of their own), the trainer's stream (batches, times, noise) or the test sets (1000 s + 2 targets,
 * 1000 s + 4 sources). The prior draws and the SDE noise always follow s. Setting the data and test
 * seeds to one value for every seed gives the design of the torchcfm runner's scikit-learn tasks,
 * whose seeds share one draw of the data.
 *
 * @param init the seed that initializes the networks, or null for the run's seed
 * @param data the seed of the training data draws, or null for the run's seed
 * @param trainer the trainer's seed, or null for the run's seed
 * @param test the seed of the test sets (and of the floor's draws), or null for the run's seed
 * @param source the seed of the training and validation source draws (tasks whose source is not
 *     N(0, I)), or null for the data seed
 */
public record SeedOverrides(Long init, Long data, Long trainer, Long test, Long source) {

    /** No override: every source of randomness follows the run's seed. */
    public static final SeedOverrides NONE = new SeedOverrides(null, null, null, null, null);

    /** The initialization seed of a run with seed {@code seed}. */
    long initSeed(long seed) {
        return init == null ? seed : init;
    }

    /** The data-draw seed of a run with seed {@code seed}. */
    long dataSeed(long seed) {
        return data == null ? seed : data;
    }

    /** The seed of the training source draws of a run with seed {@code seed}. */
    long sourceSeed(long seed) {
        return source == null ? dataSeed(seed) : source;
    }

    /** The trainer seed of a run with seed {@code seed}. */
    long trainerSeed(long seed) {
        return trainer == null ? seed : trainer;
    }

    /** The test-set seed of a run with seed {@code seed}. */
    long testSeed(long seed) {
        return test == null ? seed : test;
    }

    /**
     * The overrides that are set, by name ({@code init}, {@code data}, {@code trainer}, {@code
     * test}, {@code source}).
     */
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
        if (test != null) {
            set.put("test", test);
        }
        if (source != null) {
            set.put("source", source);
        }
        return set;
    }

    /** The overrides {@link #asMap} wrote; names it does not write are ignored. */
    static SeedOverrides fromMap(Map<String, Long> set) {
        return new SeedOverrides(
                set.get("init"),
                set.get("data"),
                set.get("trainer"),
                set.get("test"),
                set.get("source"));
    }
}
