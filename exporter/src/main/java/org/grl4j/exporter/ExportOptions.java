package org.grl4j.exporter;

import java.util.Objects;
import org.grl4j.exporter.onnx.Int8Quantization;
import org.grl4j.exporter.parity.ParityOptions;
import org.grl4j.models.card.Quantization;

/**
 * How {@link OnnxExporter} builds and checks a model file.
 *
 * @param tangent whether the graph also takes x_tangent [N, D] and returns h_tangent = J_x h ·
 *     x_tangent (DESIGN.md section 3.2). Off by default: a runtime must feed every graph input, so
 *     a tangent model asks every caller for x_tangent; export it for likelihood evaluation.
 * @param checkParity whether to compare the graph with the DJL network before writing and refuse to
 *     write on a mismatch
 * @param parity the inputs and tolerances of that comparison
 * @param quantization how the weights are stored; {@link Quantization#INT8_DYNAMIC} applies {@link
 *     Int8Quantization} to every layer of at least {@link Int8Quantization#DEFAULT_MIN_ELEMENTS}
 *     weights (not with a tangent output: likelihoods need the float network)
 */
public record ExportOptions(
        boolean tangent, boolean checkParity, ParityOptions parity, Quantization quantization) {

    /**
     * The parity tolerance of an int8 model against the float DJL network: max |onnx - djl| / max
     * |djl| over the check's batch. The measured error of the standard network at random
     * initialization is 0.5-0.9% (QuantizedExportTest), so 5% leaves room for trained weights while
     * still catching a wrong graph, which is off by order 1.
     */
    public static final double INT8_PARITY_TOLERANCE = 0.05;

    /** Plain model, parity checked with {@link ParityOptions#defaults()}. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, true, ParityOptions.defaults(), Quantization.NONE);
    }

    /** Float weights with the given tangent, parity and check settings. */
    public ExportOptions(boolean tangent, boolean checkParity, ParityOptions parity) {
        this(tangent, checkParity, parity, Quantization.NONE);
    }

    /** Checks that the parity options are given and the combination is possible. */
    public ExportOptions {
        Objects.requireNonNull(parity, "parity options (use ParityOptions.defaults())");
        Objects.requireNonNull(quantization, "quantization (use Quantization.NONE)");
        if (tangent && quantization != Quantization.NONE) {
            throw new IllegalArgumentException(
                    "a tangent output cannot be combined with quantization "
                            + quantization.configName()
                            + ": likelihoods need the float network; export the tangent model"
                            + " without quantization");
        }
    }

    /** The same options with the tangent output switched on or off. */
    public ExportOptions withTangent(boolean withTangent) {
        return new ExportOptions(withTangent, checkParity, parity, quantization);
    }

    /** The same options with the parity check switched on or off. */
    public ExportOptions withParityCheck(boolean check) {
        return new ExportOptions(tangent, check, parity, quantization);
    }

    /**
     * The same options with another quantization; for int8 the parity tolerance becomes {@link
     * #INT8_PARITY_TOLERANCE} unless it is already looser.
     */
    public ExportOptions withQuantization(Quantization newQuantization) {
        ParityOptions checked = parity;
        if (newQuantization != Quantization.NONE && parity.tolerance() < INT8_PARITY_TOLERANCE) {
            checked = parity.withTolerance(INT8_PARITY_TOLERANCE);
        }
        return new ExportOptions(tangent, checkParity, checked, newQuantization);
    }
}
