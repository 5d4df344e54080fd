package org.grl4j.exporter.parity;

/**
 * The outcome of a parity check between a DJL network and its ONNX export.
 *
 * @param rows the batch size checked
 * @param valueError max |h_onnx - h_djl| / max |h_djl|
 * @param tangentError the same for h_tangent against a central difference of the DJL network, or
 *     NaN when the model has no tangent output
 * @param options the tolerances the errors were held to
 */
public record ParityReport(
        int rows, double valueError, double tangentError, ParityOptions options) {

    /** Whether the model has a tangent output that was checked. */
    public boolean checkedTangent() {
        return !Double.isNaN(tangentError);
    }

    /** Whether every error is within its tolerance (a NaN value error fails). */
    public boolean passed() {
        boolean value = valueError <= options.tolerance();
        boolean tangent = !checkedTangent() || tangentError <= options.tangentTolerance();
        return value && tangent;
    }

    /** One line for logs and error messages. */
    public String summary() {
        String line =
                String.format(
                        "h relative error %.3g (limit %.1g)", valueError, options.tolerance());
        if (checkedTangent()) {
            line +=
                    String.format(
                            ", h_tangent relative error %.3g (limit %.1g)",
                            tangentError, options.tangentTolerance());
        }
        return line + " on " + rows + " random rows";
    }
}
