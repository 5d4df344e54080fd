package org.grl4j.models.data;

/**
 * Makes a seeded dataset of a given size: the same {@code (size, seed)} must give the same points.
 * Register one under a name with {@link Datasets#register(String, DatasetGenerator)} to make it
 * available to {@link Datasets#byName(String, int, long)} and so to configurations and the CLI.
 */
@FunctionalInterface
public interface DatasetGenerator {

    /** {@code size} points drawn with random seed {@code seed}. */
    PointSet generate(int size, long seed);
}
