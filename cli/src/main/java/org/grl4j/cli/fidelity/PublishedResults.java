package org.grl4j.cli.fidelity;

import java.util.Map;
import java.util.Optional;

/**
 * The published 2-D results: Tong et al., "Simulation-Free Schrodinger Bridges via Score and Flow
 * Matching" (AISTATS 2024), Table 2, W2 mean and standard deviation over 5 seeds, as transcribed in
 * the project's reference/benchmarks.md; and the normalized path energy of OT-CFM on the same
 * tasks. The paper's second column is the runner's {@code moon-8gaussians} pair, here {@link
 * FidelityTask#MOONS_TO_8GAUSSIANS}.
 */
public final class PublishedResults {

    /** A published mean and standard deviation. */
    public record Value(double mean, double std) {

        /** True when {@code ours} is at most one published standard deviation above the mean. */
        public boolean matchedBy(double ours) {
            return ours <= mean + std;
        }
    }

    private static final Map<String, Map<FidelityTask, Value>> W2 =
            Map.of(
                    "otcfm",
                    Map.of(
                            FidelityTask.GAUSSIAN_TO_8GAUSSIANS, new Value(0.303, 0.043),
                            FidelityTask.MOONS_TO_8GAUSSIANS, new Value(0.601, 0.027),
                            FidelityTask.GAUSSIAN_TO_MOONS, new Value(0.130, 0.016),
                            FidelityTask.GAUSSIAN_TO_SCURVE, new Value(0.144, 0.028)),
                    "icfm",
                    Map.of(
                            FidelityTask.GAUSSIAN_TO_8GAUSSIANS, new Value(0.373, 0.103),
                            FidelityTask.MOONS_TO_8GAUSSIANS, new Value(1.557, 0.407),
                            FidelityTask.GAUSSIAN_TO_MOONS, new Value(0.178, 0.014),
                            FidelityTask.GAUSSIAN_TO_SCURVE, new Value(0.242, 0.141)),
                    "sf2m-sde",
                    Map.of(
                            FidelityTask.GAUSSIAN_TO_8GAUSSIANS, new Value(0.275, 0.058),
                            FidelityTask.MOONS_TO_8GAUSSIANS, new Value(0.726, 0.137),
                            FidelityTask.GAUSSIAN_TO_MOONS, new Value(0.124, 0.023),
                            FidelityTask.GAUSSIAN_TO_SCURVE, new Value(0.128, 0.005)));

    private static final Map<FidelityTask, Double> OTCFM_NORMALIZED_PATH_ENERGY =
            Map.of(
                    FidelityTask.GAUSSIAN_TO_8GAUSSIANS, 0.031,
                    FidelityTask.MOONS_TO_8GAUSSIANS, 0.015,
                    FidelityTask.GAUSSIAN_TO_MOONS, 0.083,
                    FidelityTask.GAUSSIAN_TO_SCURVE, 0.027);

    private PublishedResults() {}

    /** The published W2 of a method row on a task, if the paper has one. */
    public static Optional<Value> w2(String methodRow, FidelityTask task) {
        return Optional.ofNullable(
                W2.getOrDefault(FidelityExperiment.baseRow(methodRow), Map.of()).get(task));
    }

    /** The published normalized path energy (OT-CFM only). */
    public static Optional<Double> normalizedPathEnergy(String methodRow, FidelityTask task) {
        return "otcfm".equals(FidelityExperiment.baseRow(methodRow))
                ? Optional.ofNullable(OTCFM_NORMALIZED_PATH_ENERGY.get(task))
                : Optional.empty();
    }
}
