package org.grl4j.exporter.block;

import ai.djl.nn.Block;
import java.util.List;
import org.grl4j.exporter.onnx.DualValue;

/**
 * Emits the ONNX nodes that compute one kind of DJL block.
 *
 * <p>The inputs and outputs follow the block's own {@code forward} {@code NDList}, in order: a
 * block called with {@code NDList(e, x)} receives {@code [e, x]} here and returns its outputs the
 * same way. Each value carries its forward-mode tangent when it depends on the model's x (see
 * {@link DualValue}); building every operation through {@link ExportContext#tangents()} keeps the
 * tangent correct without extra work. Child blocks are exported with {@link ExportContext#export},
 * which finds their exporters, so a block made of exportable blocks needs only its wiring written.
 *
 * @param <B> the block type this exporter handles
 */
@FunctionalInterface
public interface BlockExporter<B extends Block> {

    /**
     * Adds the block's computation to the graph.
     *
     * @param block the block whose trained parameters are frozen into the graph
     * @param inputs the block's inputs, in forward order
     * @param context the graph under construction and the exporters of child blocks
     * @return the block's outputs, in forward order
     */
    List<DualValue> export(B block, List<DualValue> inputs, ExportContext context);
}
