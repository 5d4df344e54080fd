/**
 * The fidelity experiment: reproduces the published 2-D flow and bridge results of Tong et al.
 * (2024, Table 2) with grl4j's trainer and sampler.
 *
 * <p>{@link org.grl4j.cli.fidelity.FidelityTask} defines the source and target distributions of
 * each task, {@link org.grl4j.cli.fidelity.FidelityProtocol} the training and measuring recipe
 * (loaded from the presets under {@code presets/fidelity/}), and {@link
 * org.grl4j.cli.fidelity.FidelityMethod} the trained methods, among them the Gaussian diffusion
 * baselines ({@link org.grl4j.cli.fidelity.DiffusionVariant}: a path and score or flow matching).
 * {@link org.grl4j.cli.fidelity.FidelityExperiment} trains one method on one task with one seed,
 * samples it with Euler (or Euler-Maruyama; a diffusion baseline from its prior with Euler and
 * DPM-Solver++, {@link org.grl4j.cli.fidelity.DiffusionSolver}), measures exact W2 and, through a
 * velocity wrapper that sums squared norms, the path energy of the flows; it returns {@link
 * org.grl4j.cli.fidelity.Measurement}s. {@link org.grl4j.cli.fidelity.FidelityReport} aggregates
 * them over seeds beside {@link org.grl4j.cli.fidelity.PublishedResults} and writes JSON and CSV;
 * {@link org.grl4j.cli.fidelity.FidelityCommand} is the {@code grl4j fidelity} command that drives
 * it.
 */
package org.grl4j.cli.fidelity;
