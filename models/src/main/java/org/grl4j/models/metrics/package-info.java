/**
 * Distances between point sets, for evaluating samples against data and for pairing minibatches.
 *
 * <p>{@link org.grl4j.models.metrics.LinearAssignment} solves the exact assignment problem on any
 * {@link org.grl4j.models.metrics.CostMatrix} (rows read one at a time, so the squared Euclidean
 * cost between two large point sets is computed on the fly) and returns an {@link
 * org.grl4j.models.metrics.Assignment}, a permutation with its total cost. {@link
 * org.grl4j.models.metrics.Wasserstein} builds on it: the exact 2-Wasserstein distance between
 * equal-size sets, the optimal pairing that OT-CFM and SF2M use to re-pair a minibatch, and the
 * sliced W2 through 1-D sorted quantiles. {@link org.grl4j.models.metrics.Mmd} gives the RBF-kernel
 * maximum mean discrepancy (biased and unbiased, fixed or median-heuristic bandwidth) and {@link
 * org.grl4j.models.metrics.Moments} the mean and covariance. All inputs are {@link
 * org.grl4j.models.data.PointSet}s.
 */
package org.grl4j.models.metrics;
