package org.grl4j.sampler.ode;

/**
 * The end state of one solve and what it cost.
 *
 * @param x the state at the end time, row-major {@code double[N * D]}
 * @param evaluations the number of field evaluations (NFE); each is one batch network call for a
 *     plain model
 * @param steps the number of accepted steps
 */
public record Solution(double[] x, int evaluations, int steps) {}
