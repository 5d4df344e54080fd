/**
 * Sampling and scoring from the command line: {@link org.grl4j.cli.sampling.SolverName} lists the
 * solvers by their flag names, {@link org.grl4j.cli.sampling.SolverOptions} is the set of solver
 * flags shared by sample, eval and demo and turns them into samples in data space (through the
 * sampler's {@code Sampler} or {@code DpmSolver}), and {@link org.grl4j.cli.sampling.Evaluation}
 * scores samples against reference data (exact W2, MMD, PF-ODE log-likelihood).
 */
package org.grl4j.cli.sampling;
