/**
 * Data for training and evaluation: the in-memory {@link org.grl4j.models.data.PointSet} (n points
 * of dimension d, row-major doubles, immutable) that every other type here produces or consumes.
 *
 * <p>{@link org.grl4j.models.data.Datasets} makes the seeded 2-D benchmark sets (GenerativeRL's
 * swiss roll, two moons, 8 Gaussians, S-curve, checkerboard) and standard normal data of any
 * dimension, and looks them up by name through a registry users extend with a {@link
 * org.grl4j.models.data.DatasetGenerator}. {@link org.grl4j.models.data.CsvPoints} and {@link
 * org.grl4j.models.data.NpyPoints} read user data and write samples ({@link
 * org.grl4j.models.data.PointFiles} picks one by file extension); a bad file fails with an {@link
 * org.grl4j.models.data.InvalidDataFileException} that names the place and the value, and every
 * write is atomic. {@link org.grl4j.models.data.Normalization} is the per-dimension affine map
 * fitted on training data, stored with the model as JSON and inverted by the sampler.
 */
package org.grl4j.models.data;
