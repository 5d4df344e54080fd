package org.grl4j.exporter.block;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.List;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.Value;

/**
 * Exporters for DJL's own blocks that grl4j networks are made of.
 *
 * <ul>
 *   <li>{@link Linear}: y = x Wᵀ + b, W {@code [out, in]}, as one Gemm with {@code transB}; the
 *       tangent is dx Wᵀ.
 *   <li>{@link SequentialBlock}: each child's outputs are the next child's inputs, so a sequence of
 *       exportable blocks exports with no code of its own.
 * </ul>
 *
 * DJL's {@code LambdaBlock} (and so its activation blocks) wraps an opaque function and cannot be
 * exported; grl4j's networks apply activations through their own enum instead.
 */
final class DjlBlockExporters {

    private DjlBlockExporters() {}

    static void registerAll(BlockExporterRegistry registry) {
        registry.register(Linear.class, DjlBlockExporters::linear);
        registry.register(SequentialBlock.class, DjlBlockExporters::sequential);
    }

    static List<DualValue> linear(Linear block, List<DualValue> inputs, ExportContext context) {
        DualValue x = single(inputs, context, "Linear");
        Parameter weightParameter = context.directParameter(block, "weight");
        Value weight = context.parameter(weightParameter, "weight");
        if (weight.rank() != 2 || weight.dim(1) != x.width()) {
            throw new MissingParameterException(
                    "Linear at "
                            + context.location(null)
                            + " has weight shape "
                            + weight.shape()
                            + " but its input has width "
                            + x.width()
                            + "; a Linear weight is [out, in] with in equal to the input width");
        }
        Parameter biasParameter = block.getDirectParameters().get("bias");
        Value bias =
                biasParameter == null
                        ? null
                        : context.parameter(biasParameter, "bias", weight.dim(0));
        return List.of(context.tangents().linear(x, weight, bias));
    }

    static List<DualValue> sequential(
            SequentialBlock block, List<DualValue> inputs, ExportContext context) {
        List<DualValue> current = inputs;
        for (Pair<String, Block> child : block.getChildren()) {
            current = context.export(child.getValue(), child.getKey(), current);
        }
        return current;
    }

    /** The one input of a single-input block, with a clear error otherwise. */
    static DualValue single(List<DualValue> inputs, ExportContext context, String blockType) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(
                    blockType
                            + " at "
                            + context.location(null)
                            + " takes one input but was given "
                            + inputs.size());
        }
        return inputs.get(0);
    }
}
