package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Training settings, GenerativeRL's {@code parameter} block, e.g. its swiss-roll diffusion
 * tutorial:
 *
 * <pre>
 * parameter:
 *   training_loss_type: score_matching
 *   lr: 5e-3
 *   data_num: 10000
 *   iterations: 5000
 *   batch_size: 4096
 *   clip_grad_norm: 1.0
 *   eval_freq: 1000
 *   checkpoint_freq: 100
 *   checkpoint_path: ./checkpoint
 * </pre>
 *
 * <p><b>weighting_scheme defaults to maximum_likelihood</b> for score matching, as in GenerativeRL
 * (t drawn with density proportional to g^2 / sigma^2); write {@code weighting_scheme: vanilla} for
 * t ~ U(t_min, t_max). It applies to score matching only and must be absent otherwise.
 *
 * <p>Optional values are filled with their defaults by the constructor, so accessors of defaulted
 * values never return null; the ones documented "null when absent" do.
 *
 * @param trainingLossType score_matching or flow_matching; required
 * @param lr the Adam learning rate, &gt; 0; required
 * @param iterations the number of optimizer steps, &gt;= 1; required
 * @param batchSize rows per step, &gt;= 1; required
 * @param clipGradNorm the largest global gradient norm, &gt; 0; null when absent (no clipping)
 * @param weightDecay Adam weight decay, &gt;= 0; default 0
 * @param dataNum how many training points to generate or read, &gt;= 1; null when absent (the
 *     dataset's own size)
 * @param evalFreq evaluate every this many iterations, &gt;= 1; null when absent (no evaluation)
 * @param checkpointFreq save a checkpoint every this many iterations, &gt;= 1; null when absent
 *     (only the final one)
 * @param checkpointPath the checkpoint directory; null when absent (no checkpoints)
 * @param seed the seed of every random draw in training; default 0, so runs repeat unless the seed
 *     is changed (GenerativeRL draws a fresh seed per run)
 * @param weightingScheme the time sampling of score matching; default maximum_likelihood there,
 *     null for other loss types
 * @param videoSavePath accepted so GenerativeRL configurations load; grl4j renders no videos
 * @param device accepted because GenerativeRL repeats the device here; cpu, cuda, cuda:N, gpu or
 *     gpu:N, and it must agree with the model's device
 */
public record TrainingParameters(
        @JsonProperty("training_loss_type") TrainingLossType trainingLossType,
        @JsonProperty(value = "lr", required = true) double lr,
        @JsonProperty(value = "iterations", required = true) int iterations,
        @JsonProperty(value = "batch_size", required = true) int batchSize,
        @JsonProperty("clip_grad_norm") Double clipGradNorm,
        @JsonProperty("weight_decay") Double weightDecay,
        @JsonProperty("data_num") Integer dataNum,
        @JsonProperty("eval_freq") Integer evalFreq,
        @JsonProperty("checkpoint_freq") Integer checkpointFreq,
        @JsonProperty("checkpoint_path") String checkpointPath,
        @JsonProperty("seed") Long seed,
        @JsonProperty("weighting_scheme") WeightingScheme weightingScheme,
        @JsonProperty("video_save_path") String videoSavePath,
        @JsonProperty("device") String device) {

    /** Checks ranges and fills the defaults. */
    public TrainingParameters {
        Checks.required(
                "training_loss_type",
                trainingLossType,
                "score_matching or flow_matching",
                "add training_loss_type: score_matching (diffusion) or flow_matching");
        Checks.positive("lr", lr, "GenerativeRL's tutorials use lr: 5e-3 or 5e-4");
        Checks.atLeast("iterations", iterations, 1, "set iterations to the number of steps");
        Checks.atLeast("batch_size", batchSize, 1, "GenerativeRL's tutorials use 4096");
        if (clipGradNorm != null) {
            Checks.positive(
                    "clip_grad_norm", clipGradNorm, "use 1.0, or leave it out for no clipping");
        }
        weightDecay = weightDecay == null ? 0.0 : weightDecay;
        Checks.nonNegative("weight_decay", weightDecay, "leave it out for no weight decay");
        Checks.atLeastIfPresent("data_num", dataNum, 1, "leave it out to use the whole dataset");
        Checks.atLeastIfPresent("eval_freq", evalFreq, 1, "leave it out for no evaluation");
        Checks.atLeastIfPresent(
                "checkpoint_freq", checkpointFreq, 1, "leave it out for a final checkpoint only");
        seed = seed == null ? 0L : seed;
        weightingScheme = checkWeighting(trainingLossType, weightingScheme);
        Checks.device("device", device);
    }

    /** Parameters with every optional value at its default. */
    public static TrainingParameters of(
            TrainingLossType lossType, double lr, int iterations, int batchSize) {
        return new TrainingParameters(
                lossType,
                lr,
                iterations,
                batchSize,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static WeightingScheme checkWeighting(
            TrainingLossType lossType, WeightingScheme scheme) {
        if (lossType == TrainingLossType.SCORE_MATCHING) {
            return scheme == null ? WeightingScheme.MAXIMUM_LIKELIHOOD : scheme;
        }
        Checks.absent(
                "weighting_scheme",
                scheme == null ? null : scheme.configName(),
                "it applies to score_matching only");
        return null;
    }
}
