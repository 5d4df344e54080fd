package org.grl4j.exporter.block;

import java.util.List;
import org.grl4j.exporter.onnx.DualValue;

/**
 * Implemented by a user's own block to export itself, as an alternative to registering a {@link
 * BlockExporter} for its type: the exporter beside the block. A registered exporter takes
 * precedence over this method.
 *
 * <p>The contract is {@link BlockExporter#export}'s, with the block as {@code this}.
 */
public interface OnnxExportable {

    /** Adds this block's computation to the graph; inputs and outputs in forward order. */
    List<DualValue> exportOnnx(List<DualValue> inputs, ExportContext context);
}
