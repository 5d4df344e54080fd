package org.grl4j.cli.training;

import java.util.SplittableRandom;
import org.grl4j.models.data.Normalization;
import org.grl4j.models.data.PointSet;
import org.grl4j.trainer.train.TrainingData;

/**
 * The rows a run trains on, in data space, with an optional condition row per data row, and the
 * normalization that maps them into the space the network sees.
 *
 * <p>Arrays are row-major: data {@code [n, D]}, conditions {@code [n, C]}. Conditions are passed to
 * the network as they are (never normalized), so a caller samples with conditions in the same units
 * it trained with.
 *
 * @param data the data rows, data space
 * @param conditions one condition row per data row, or null for an unconditional model
 * @param normalization data space to network space; the identity when normalization is off
 * @param description where the rows came from, for logs and the model card
 */
public record TrainingInputs(
        PointSet data, PointSet conditions, Normalization normalization, String description) {

    public TrainingInputs {
        if (conditions != null && conditions.size() != data.size()) {
            throw new IllegalArgumentException(
                    "the condition file has "
                            + conditions.size()
                            + " rows but the data has "
                            + data.size()
                            + "; give one condition row per data row");
        }
    }

    /**
     * Inputs over {@code data} with a fitted per-dimension standardization ({@code normalize}) or
     * the identity.
     */
    public static TrainingInputs of(
            PointSet data, PointSet conditions, boolean normalize, String description) {
        Normalization normalization =
                normalize ? Normalization.fit(data) : Normalization.identity(data.dimension());
        return new TrainingInputs(data, conditions, normalization, description);
    }

    /**
     * A masked copy of {@code data} as conditions, GenerativeRL's swiss_roll_icfm_with_mask recipe:
     * each coordinate is hidden with probability {@code hiddenProbability} (drawn once per entry
     * from {@code seed}) and a hidden coordinate reads 0. The model learns p(x | the visible
     * coordinates).
     */
    public static PointSet maskedCopy(PointSet data, double hiddenProbability, long seed) {
        if (!(hiddenProbability >= 0 && hiddenProbability <= 1)) {
            throw new IllegalArgumentException(
                    "the hidden probability of mask:P must be in [0, 1], found "
                            + hiddenProbability);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = data.toArray();
        for (int i = 0; i < values.length; i++) {
            if (random.nextDouble() < hiddenProbability) {
                values[i] = 0;
            }
        }
        return PointSet.of(data.size(), data.dimension(), values);
    }

    /** C, 0 without conditions. */
    public int conditionSize() {
        return conditions == null ? 0 : conditions.dimension();
    }

    /** The trainer's float32 rows: normalized data and raw conditions. */
    public TrainingData trainingData() {
        PointSet normalized = normalization.normalize(data);
        float[] condition = conditions == null ? null : conditions.toFloatArray();
        return new TrainingData(
                normalized.toFloatArray(),
                data.size(),
                data.dimension(),
                condition,
                conditionSize(),
                null);
    }
}
