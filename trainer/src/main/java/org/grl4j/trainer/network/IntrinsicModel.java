package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.Optional;

/**
 * The network of every generative model, GenerativeRL's {@code IntrinsicModel}: a time encoder, an
 * optional condition encoder and a backbone.
 *
 * <pre>
 *   h(t, x, c) = backbone(tEncoder(t), x[, conditionEncoder(c)])
 * </pre>
 *
 * Inputs {@code NDList(t [N], x [N, D])} or {@code NDList(t [N], x [N, D], condition [N, C])};
 * output {@code h [N, D]} in the model's declared parameterization, t in the model's own time
 * convention. A missing time encoder passes t on as one column {@code [N, 1]}; a missing condition
 * encoder passes the condition unchanged. The backbone receives {@code NDList(tEmbedding, x[,
 * encodedCondition])}.
 *
 * <p>Sub-blocks: {@link #timeEncoder()}, {@link #conditionEncoder()}, {@link #backbone()}; PyTorch
 * names {@code model.t_encoder.*}, {@code model.condition_encoder.*}, {@code model.backbone.*}.
 */
public final class IntrinsicModel extends AbstractBlock implements NamedParameterBlock {

    private static final byte VERSION = 1;

    private final int xSize;
    private final int conditionSize;
    private final Block timeEncoder;
    private final Block conditionEncoder;
    private final Block backbone;

    /**
     * @param xSize D, the width of x and of h
     * @param conditionSize C, or 0 for an unconditional model
     * @param timeEncoder maps t [N] to [N, T], or null to pass t as one column
     * @param conditionEncoder maps the condition [N, C] to [N, C'], or null for the identity
     * @param backbone maps (tEmbedding, x[, condition]) to [N, D]
     */
    public IntrinsicModel(
            int xSize,
            int conditionSize,
            Block timeEncoder,
            Block conditionEncoder,
            Block backbone) {
        super(VERSION);
        Networks.requirePositive("IntrinsicModel x_size", xSize);
        if (conditionSize < 0) {
            throw new IllegalArgumentException(
                    "IntrinsicModel condition_size must be 0 (unconditional) or positive, got "
                            + conditionSize);
        }
        if (backbone == null) {
            throw new IllegalArgumentException(
                    "IntrinsicModel needs a backbone; set model.args.backbone in the config");
        }
        if (conditionEncoder != null && conditionSize == 0) {
            throw new IllegalArgumentException(
                    "IntrinsicModel has a condition encoder but condition_size 0; set the"
                            + " condition size or remove the encoder");
        }
        this.xSize = xSize;
        this.conditionSize = conditionSize;
        this.timeEncoder = timeEncoder == null ? null : addChildBlock("t_encoder", timeEncoder);
        this.conditionEncoder =
                conditionEncoder == null
                        ? null
                        : addChildBlock("condition_encoder", conditionEncoder);
        this.backbone = addChildBlock("backbone", backbone);
    }

    /** D. */
    public int xSize() {
        return xSize;
    }

    /** C, or 0 when unconditional. */
    public int conditionSize() {
        return conditionSize;
    }

    public Optional<Block> timeEncoder() {
        return Optional.ofNullable(timeEncoder);
    }

    public Optional<Block> conditionEncoder() {
        return Optional.ofNullable(conditionEncoder);
    }

    public Block backbone() {
        return backbone;
    }

    /** The input shapes for a batch of {@code n} rows: t, x and, when conditional, condition. */
    public Shape[] inputShapes(long n) {
        return conditionSize == 0
                ? new Shape[] {new Shape(n), new Shape(n, xSize)}
                : new Shape[] {new Shape(n), new Shape(n, xSize), new Shape(n, conditionSize)};
    }

    /**
     * Evaluates h for one batch; {@code condition} must be null exactly when the model is
     * unconditional.
     */
    public NDArray forward(
            ParameterStore parameterStore,
            NDArray t,
            NDArray x,
            NDArray condition,
            boolean training) {
        NDList inputs = condition == null ? new NDList(t, x) : new NDList(t, x, condition);
        return forward(parameterStore, inputs, training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        checkInputCount(inputs.size());
        NDArray t = inputs.get(0);
        NDArray x = inputs.get(1);
        NDArray embedding =
                timeEncoder == null
                        ? t.reshape(-1, 1)
                        : timeEncoder.forward(parameterStore, new NDList(t), training).head();
        if (conditionSize == 0) {
            return backbone.forward(parameterStore, new NDList(embedding, x), training);
        }
        NDArray condition = inputs.get(2);
        if (conditionEncoder != null) {
            condition =
                    conditionEncoder
                            .forward(parameterStore, new NDList(condition), training)
                            .head();
        }
        return backbone.forward(parameterStore, new NDList(embedding, x, condition), training);
    }

    private void checkInputCount(int count) {
        int expected = conditionSize == 0 ? 2 : 3;
        if (count != expected) {
            throw new IllegalArgumentException(
                    "IntrinsicModel with condition_size "
                            + conditionSize
                            + " takes "
                            + expected
                            + " inputs (t, x"
                            + (conditionSize == 0 ? "" : ", condition")
                            + "), got "
                            + count);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), xSize)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInputCount(inputShapes.length);
        Networks.requireWidth("IntrinsicModel x", inputShapes[1], xSize);
        long n = inputShapes[1].get(0);
        Shape embedding = new Shape(n, 1);
        if (timeEncoder != null) {
            timeEncoder.initialize(manager, dataType, inputShapes[0]);
            embedding = timeEncoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        }
        if (conditionSize == 0) {
            backbone.initialize(manager, dataType, embedding, inputShapes[1]);
            return;
        }
        Networks.requireWidth("IntrinsicModel condition", inputShapes[2], conditionSize);
        Shape condition = inputShapes[2];
        if (conditionEncoder != null) {
            conditionEncoder.initialize(manager, dataType, condition);
            condition = conditionEncoder.getOutputShapes(new Shape[] {condition})[0];
        }
        backbone.initialize(manager, dataType, embedding, inputShapes[1], condition);
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        if (timeEncoder != null) {
            Networks.collectNamed(prefix + "model.t_encoder.", timeEncoder, out);
        }
        if (conditionEncoder != null) {
            Networks.collectNamed(prefix + "model.condition_encoder.", conditionEncoder, out);
        }
        Networks.collectNamed(prefix + "model.backbone.", backbone, out);
    }
}
