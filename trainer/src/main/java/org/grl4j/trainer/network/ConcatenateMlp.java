package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * GenerativeRL's {@code ConcatenateMLP}: concatenates all its inputs on the last axis, in order,
 * and applies a {@link MultiLayerPerceptron}.
 *
 * <pre>
 *   out = mlp([in_0, in_1, ...])        a 1-D input [N] counts as one column [N, 1]
 * </pre>
 *
 * As an intrinsic-model backbone it receives {@code (tEmbedding, x[, condition])}, so the MLP's
 * input width is T + D (+ C). Sub-block: {@link #mlp()}; PyTorch names {@code
 * model.model.linear<i>}.
 */
public final class ConcatenateMlp extends AbstractBlock implements NamedParameterBlock {

    private static final byte VERSION = 1;

    private final MultiLayerPerceptron mlp;

    public ConcatenateMlp(MultiLayerPerceptron mlp) {
        super(VERSION);
        this.mlp = addChildBlock("model", mlp);
    }

    public MultiLayerPerceptron mlp() {
        return mlp;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray joined = null;
        for (NDArray input : inputs) {
            NDArray column = input.getShape().dimension() == 1 ? input.reshape(-1, 1) : input;
            joined = joined == null ? column : joined.concat(column, 1);
        }
        return mlp.forward(parameterStore, new NDList(joined), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return mlp.getOutputShapes(new Shape[] {joinedShape(inputShapes)});
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, joinedShape(inputShapes));
    }

    private static Shape joinedShape(Shape[] inputShapes) {
        long width = 0;
        for (Shape shape : inputShapes) {
            width += shape.dimension() == 1 ? 1 : shape.get(1);
        }
        return new Shape(inputShapes[0].get(0), width);
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        mlp.collectNamedParameters(prefix + "model.", out);
    }
}
