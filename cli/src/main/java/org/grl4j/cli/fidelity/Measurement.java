package org.grl4j.cli.fidelity;

/**
 * One evaluated row of one training: a task, a method row ({@code icfm}, {@code otcfm}, {@code
 * sf2m-ode}, {@code sf2m-sde}, or a diffusion baseline and its solver such as {@code
 * vpsde-score-euler} or {@code linear-flow-dpm20}) and a seed.
 *
 * @param task the task id
 * @param method the method row
 * @param seed the seed of data, initialization, batches and sampling
 * @param w2 exact W2 between {@code testPoints} samples and as many test points
 * @param w2Small exact W2 on the first {@code smallTestPoints} of each
 * @param pathEnergy E integral ||v||^2 dt along the Euler solve, or NaN for an SDE and for the
 *     diffusion rows
 * @param sourceTargetW2 exact W2 between the whole source and target test sets (results stored by
 *     earlier builds have it on the first {@code smallTestPoints} of each; {@code --merge
 *     --recompute-npe} replaces those)
 * @param normalizedPathEnergy |PE - W2^2(source, target)| / W2^2(source, target), or NaN
 * @param finalLoss the training loss at the last step
 * @param trainSeconds wall time of the training this row came from
 * @param sampleSeconds wall time of the sampling
 * @param w2Seconds wall time of the large W2
 * @param step the training step whose weights were measured: the last one, or for the {@code
 *     -bestval} rows the one with the lowest validation loss (see {@link ValidationSelection}); NaN
 *     in results stored by earlier builds, which measured the last step
 */
public record Measurement(
        String task,
        String method,
        long seed,
        double w2,
        double w2Small,
        double pathEnergy,
        double sourceTargetW2,
        double normalizedPathEnergy,
        double finalLoss,
        double trainSeconds,
        double sampleSeconds,
        double w2Seconds,
        double step) {

    /**
     * This row with another W2(source, target) and the normalized path energy recomputed from it
     * (still NaN without a path energy).
     */
    Measurement withSourceTargetW2(double newSourceTargetW2) {
        return new Measurement(
                task,
                method,
                seed,
                w2,
                w2Small,
                pathEnergy,
                newSourceTargetW2,
                normalize(pathEnergy, newSourceTargetW2),
                finalLoss,
                trainSeconds,
                sampleSeconds,
                w2Seconds,
                step);
    }

    /** Tong et al.'s normalized path energy |PE - W2^2| / W2^2. */
    static double normalize(double pathEnergy, double sourceTargetW2) {
        double w2Squared = sourceTargetW2 * sourceTargetW2;
        return Math.abs(pathEnergy - w2Squared) / w2Squared;
    }
}
