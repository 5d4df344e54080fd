package org.grl4j.exporter;

import java.util.Objects;
import org.grl4j.exporter.parity.ParityOptions;

/**
 * How {@link OnnxExporter} builds and checks a model file.
 *
 * @param tangent whether the graph also takes x_tangent [N, D] and returns h_tangent = J_x h ·
 *     x_tangent (DESIGN.md section 3.2). Off by default: a runtime must feed every graph input, so
 *     a tangent model asks every caller for x_tangent; export it for likelihood evaluation.
 * @param checkParity whether to compare the graph with the DJL network before writing and refuse to
 *     write on a mismatch
 * @param parity the inputs and tolerances of that comparison
 */
public record ExportOptions(boolean tangent, boolean checkParity, ParityOptions parity) {

    /** Plain model, parity checked with {@link ParityOptions#defaults()}. */
    public static ExportOptions defaults() {
        return new ExportOptions(false, true, ParityOptions.defaults());
    }

    /** Checks that the parity options are given. */
    public ExportOptions {
        Objects.requireNonNull(parity, "parity options (use ParityOptions.defaults())");
    }

    /** The same options with the tangent output switched on or off. */
    public ExportOptions withTangent(boolean withTangent) {
        return new ExportOptions(withTangent, checkParity, parity);
    }

    /** The same options with the parity check switched on or off. */
    public ExportOptions withParityCheck(boolean check) {
        return new ExportOptions(tangent, check, parity);
    }
}
