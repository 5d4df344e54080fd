package org.grl4j.exporter;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A user's own backbone, for the tests: h = x + Linear(e), taking {@code NDList(e [N, T], x [N,
 * D])}. grl4j has no exporter for it.
 */
class ShiftBlock extends AbstractBlock {

    private final int width;
    private final Linear projection;

    ShiftBlock(int width) {
        super((byte) 1);
        this.width = width;
        this.projection = addChildBlock("projection", Linear.builder().setUnits(width).build());
    }

    Linear projection() {
        return projection;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList shift = projection.forward(parameterStore, new NDList(inputs.get(0)), training);
        return new NDList(inputs.get(1).add(shift.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes[0]);
    }

    int width() {
        return width;
    }
}
