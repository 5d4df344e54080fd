package org.grl4j.cli.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.grl4j.cli.Grl4j;
import org.grl4j.cli.io.JsonOutput;
import org.grl4j.exporter.ExportOptions;
import org.grl4j.exporter.ExportReport;
import org.grl4j.exporter.OnnxExporter;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.Quantization;

/** Writes the exported network of a {@link ConfiguredModel} as a self-describing ONNX file. */
public final class ModelExport {

    private ModelExport() {}

    /**
     * Exports {@code model}'s main network with the card built from {@code record}.
     *
     * @param tangent add the x_tangent input and h_tangent output used for exact likelihoods
     * @param checkParity compare ONNX Runtime with DJL on random inputs and refuse to write on a
     *     mismatch
     */
    public static ExportReport export(
            ConfiguredModel model,
            RunRecord record,
            long seed,
            Path target,
            boolean tangent,
            boolean checkParity,
            Quantization quantization) {
        ModelCard card = model.card(record.normalization(), training(record, seed));
        ExportOptions options =
                ExportOptions.defaults()
                        .withTangent(tangent)
                        .withParityCheck(checkParity)
                        .withQuantization(quantization);
        return new OnnxExporter().export(model.exportedNetwork(), card, target, options);
    }

    private static String training(RunRecord record, long seed) {
        ObjectNode training = JsonOutput.object();
        training.put("steps", record.steps());
        if (Double.isFinite(record.finalLoss())) {
            training.put("final_loss", record.finalLoss());
        }
        training.put("seed", seed);
        training.put("data", record.data());
        if (record.preset() != null) {
            training.put("preset", record.preset());
        }
        training.put("date", Instant.now().toString());
        training.put("grl4j_version", Grl4j.VERSION);
        return training.toString();
    }
}
