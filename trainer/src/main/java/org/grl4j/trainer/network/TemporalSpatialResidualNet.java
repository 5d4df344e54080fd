package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GenerativeRL's MLP U-Net {@code TemporalSpatialResidualNet(hidden_sizes, output_dim, t_dim,
 * input_dim, condition_dim, condition_hidden_dim, t_condition_hidden_dim)}, with the up-path widths
 * computed from the actual hidden sizes so that any list works.
 *
 * <p>Inputs {@code NDList(tEmbedding [N, T], x [N, inputDim])} or, when conditional, {@code
 * NDList(tEmbedding, x, condition [N, C])}; output {@code [N, outputDim]}. With hidden sizes h_0 ..
 * h_L, Linear {@code y = x W^T + b} (W {@code [out, in]}), SiLU s and blocks B(in, out) = {@link
 * TemporalSpatialResBlock}:
 *
 * <pre>
 *   c'  = s(Linear_{C -&gt; Ch}(condition))                      only when conditional
 *   e   = Linear_{H -&gt; H}(s(Linear_{T' -&gt; H}([tEmbedding, c'])))   T' = T (+ Ch), "sort_t"
 *   d_0 = B(inputDim, h_0)(e, x)
 *   d_i = B(h_{i-1}, h_i)(e, d_{i-1})                          i = 1 .. L   (down)
 *   u   = B(h_L, h_L)(e, d_L)                                  (middle)
 *   u   = B(2 h_{i+1}, h_i)(e, [u, d_{i+1}])                   i = L-1 .. 0 (up)
 *   out = Linear_{2 h_0 -&gt; outputDim}([u, d_0])
 * </pre>
 *
 * [a, b] concatenates on the last axis, a first. H is {@code t_condition_hidden_dim}: T when
 * unconditional (as GenerativeRL forces), else by default T + Ch. GenerativeRL sizes the up blocks
 * B(h_i, h_i), which only type-checks when h_i = 2 h_{i+1}; for such lists (for example [512, 256,
 * 128]) the weight shapes here are identical to GenerativeRL's, and the up blocks have no skip
 * projection.
 *
 * <p>Sub-blocks in forward order: {@link #conditionEncoder()}, {@link #sortT1()}, {@link
 * #sortT2()}, {@link #firstBlock()}, {@link #downBlocks()}, {@link #middleBlock()}, {@link
 * #upBlocks()} (in application order, i = L-1 first), {@link #lastLinear()}.
 */
public final class TemporalSpatialResidualNet extends AbstractBlock implements NamedParameterBlock {

    private static final byte VERSION = 1;

    private final List<Integer> hiddenSizes;
    private final int outputDim;
    private final int tDim;
    private final int inputDim;
    private final int conditionDim;
    private final int conditionHiddenDim;
    private final int tConditionHiddenDim;

    private final Linear conditionEncoder;
    private final Linear sortT1;
    private final Linear sortT2;
    private final TemporalSpatialResBlock firstBlock;
    private final List<TemporalSpatialResBlock> downBlocks = new ArrayList<>();
    private final TemporalSpatialResBlock middleBlock;
    private final List<TemporalSpatialResBlock> upBlocks = new ArrayList<>();
    private final Linear lastLinear;

    /** An unconditional network with {@code inputDim = outputDim}. */
    public TemporalSpatialResidualNet(List<Integer> hiddenSizes, int outputDim, int tDim) {
        this(hiddenSizes, outputDim, tDim, outputDim, 0, 0, 0);
    }

    /**
     * @param hiddenSizes h_0 .. h_L, at least one, each positive
     * @param outputDim the output width
     * @param tDim T, the width of the time embedding
     * @param inputDim the width of x
     * @param conditionDim C, or 0 for an unconditional network
     * @param conditionHiddenDim Ch, positive when conditional (ignored otherwise)
     * @param tConditionHiddenDim H when conditional, or 0 for the default T + Ch (ignored when
     *     unconditional: H = T)
     */
    public TemporalSpatialResidualNet(
            List<Integer> hiddenSizes,
            int outputDim,
            int tDim,
            int inputDim,
            int conditionDim,
            int conditionHiddenDim,
            int tConditionHiddenDim) {
        super(VERSION);
        validate(hiddenSizes, outputDim, tDim, inputDim, conditionDim, conditionHiddenDim);
        this.hiddenSizes = List.copyOf(hiddenSizes);
        this.outputDim = outputDim;
        this.tDim = tDim;
        this.inputDim = inputDim;
        this.conditionDim = Math.max(conditionDim, 0);
        boolean conditional = this.conditionDim > 0;
        this.conditionHiddenDim = conditional ? conditionHiddenDim : 0;
        this.tConditionHiddenDim =
                !conditional
                        ? tDim
                        : tConditionHiddenDim > 0 ? tConditionHiddenDim : tDim + conditionHiddenDim;

        this.conditionEncoder =
                conditional
                        ? addChildBlock(
                                "pre_sort_condition", Networks.linear(this.conditionHiddenDim))
                        : null;
        this.sortT1 = addChildBlock("sort_t.0", Networks.linear(this.tConditionHiddenDim));
        this.sortT2 = addChildBlock("sort_t.2", Networks.linear(this.tConditionHiddenDim));
        this.firstBlock =
                addChildBlock(
                        "first_block",
                        new TemporalSpatialResBlock(inputDim, hiddenSizes.get(0), Activation.SILU));
        int depth = hiddenSizes.size() - 1;
        for (int i = 1; i <= depth; i++) {
            downBlocks.add(
                    addChildBlock(
                            "down_block." + (i - 1),
                            new TemporalSpatialResBlock(
                                    hiddenSizes.get(i - 1), hiddenSizes.get(i), Activation.SILU)));
        }
        int last = hiddenSizes.get(depth);
        this.middleBlock =
                addChildBlock(
                        "middle_block", new TemporalSpatialResBlock(last, last, Activation.SILU));
        for (int i = depth - 1; i >= 0; i--) {
            upBlocks.add(
                    addChildBlock(
                            "up_block." + (depth - 1 - i),
                            new TemporalSpatialResBlock(
                                    2 * hiddenSizes.get(i + 1),
                                    hiddenSizes.get(i),
                                    Activation.SILU)));
        }
        this.lastLinear = addChildBlock("last_block", Networks.linear(outputDim));
    }

    private static void validate(
            List<Integer> hiddenSizes,
            int outputDim,
            int tDim,
            int inputDim,
            int conditionDim,
            int conditionHiddenDim) {
        if (hiddenSizes == null || hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException(
                    "TemporalSpatialResidualNet hidden_sizes must list at least one width, got "
                            + hiddenSizes
                            + "; GenerativeRL's default is [512, 256, 128]");
        }
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Networks.requirePositive(
                    "TemporalSpatialResidualNet hidden_sizes[" + i + "]", hiddenSizes.get(i));
        }
        Networks.requirePositive("TemporalSpatialResidualNet output_dim", outputDim);
        Networks.requirePositive("TemporalSpatialResidualNet t_dim", tDim);
        Networks.requirePositive("TemporalSpatialResidualNet input_dim", inputDim);
        if (conditionDim > 0 && conditionHiddenDim <= 0) {
            throw new IllegalArgumentException(
                    "TemporalSpatialResidualNet condition_hidden_dim must be positive when"
                            + " condition_dim is set (condition_dim "
                            + conditionDim
                            + ", condition_hidden_dim "
                            + conditionHiddenDim
                            + "); GenerativeRL's RL configs use 32");
        }
    }

    public List<Integer> hiddenSizes() {
        return hiddenSizes;
    }

    public int outputDim() {
        return outputDim;
    }

    public int tDim() {
        return tDim;
    }

    public int inputDim() {
        return inputDim;
    }

    /** C, or 0 when unconditional. */
    public int conditionDim() {
        return conditionDim;
    }

    public int conditionHiddenDim() {
        return conditionHiddenDim;
    }

    /** H, the width of the time-condition embedding e. */
    public int tConditionHiddenDim() {
        return tConditionHiddenDim;
    }

    /** {@code pre_sort_condition}: Linear C to Ch, followed by SiLU; absent when unconditional. */
    public Optional<Linear> conditionEncoder() {
        return Optional.ofNullable(conditionEncoder);
    }

    /** The first Linear of {@code sort_t} (T' to H), followed by SiLU. */
    public Linear sortT1() {
        return sortT1;
    }

    /** The second Linear of {@code sort_t} (H to H), no activation after it. */
    public Linear sortT2() {
        return sortT2;
    }

    public TemporalSpatialResBlock firstBlock() {
        return firstBlock;
    }

    public List<TemporalSpatialResBlock> downBlocks() {
        return List.copyOf(downBlocks);
    }

    public TemporalSpatialResBlock middleBlock() {
        return middleBlock;
    }

    /** The up blocks in the order they are applied (deepest first). */
    public List<TemporalSpatialResBlock> upBlocks() {
        return List.copyOf(upBlocks);
    }

    /** The output Linear, 2 h_0 to outputDim. */
    public Linear lastLinear() {
        return lastLinear;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray timeCondition = inputs.get(0);
        NDArray x = inputs.get(1);
        if (conditionEncoder != null) {
            NDArray condition = inputs.get(2);
            NDArray encoded =
                    Activation.SILU.apply(
                            Networks.apply(conditionEncoder, parameterStore, condition, training));
            timeCondition = timeCondition.concat(encoded, 1);
        }
        NDArray e =
                Networks.apply(
                        sortT2,
                        parameterStore,
                        Activation.SILU.apply(
                                Networks.apply(sortT1, parameterStore, timeCondition, training)),
                        training);

        List<NDArray> down = new ArrayList<>();
        down.add(block(firstBlock, parameterStore, e, x, training));
        for (TemporalSpatialResBlock block : downBlocks) {
            down.add(block(block, parameterStore, e, down.get(down.size() - 1), training));
        }

        NDArray u = block(middleBlock, parameterStore, e, down.get(down.size() - 1), training);
        for (int k = 0; k < upBlocks.size(); k++) {
            NDArray skip = down.get(down.size() - 1 - k);
            u = block(upBlocks.get(k), parameterStore, e, u.concat(skip, 1), training);
        }
        return new NDList(
                Networks.apply(lastLinear, parameterStore, u.concat(down.get(0), 1), training));
    }

    private static NDArray block(
            TemporalSpatialResBlock block,
            ParameterStore parameterStore,
            NDArray e,
            NDArray x,
            boolean training) {
        return block.forward(parameterStore, new NDList(e, x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), outputDim)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Networks.requireWidth("TemporalSpatialResidualNet t embedding", inputShapes[0], tDim);
        Networks.requireWidth("TemporalSpatialResidualNet x", inputShapes[1], inputDim);
        long n = inputShapes[1].get(0);
        long timeConditionWidth = tDim;
        if (conditionEncoder != null) {
            if (inputShapes.length < 3) {
                throw new IllegalArgumentException(
                        "TemporalSpatialResidualNet was built with condition_dim "
                                + conditionDim
                                + " but initialized without a condition input; pass (t, x,"
                                + " condition) shapes");
            }
            Networks.requireWidth(
                    "TemporalSpatialResidualNet condition", inputShapes[2], conditionDim);
            conditionEncoder.initialize(manager, dataType, inputShapes[2]);
            timeConditionWidth += conditionHiddenDim;
        }
        sortT1.initialize(manager, dataType, new Shape(n, timeConditionWidth));
        sortT2.initialize(manager, dataType, new Shape(n, tConditionHiddenDim));

        Shape e = new Shape(n, tConditionHiddenDim);
        firstBlock.initialize(manager, dataType, e, inputShapes[1]);
        for (TemporalSpatialResBlock block : downBlocks) {
            block.initialize(manager, dataType, e, new Shape(n, block.inputDim()));
        }
        middleBlock.initialize(manager, dataType, e, new Shape(n, middleBlock.inputDim()));
        for (TemporalSpatialResBlock block : upBlocks) {
            block.initialize(manager, dataType, e, new Shape(n, block.inputDim()));
        }
        lastLinear.initialize(manager, dataType, new Shape(n, 2L * hiddenSizes.get(0)));
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        if (conditionEncoder != null) {
            Networks.collectLinear(prefix + "pre_sort_condition.0.", conditionEncoder, out);
        }
        Networks.collectLinear(prefix + "sort_t.0.", sortT1, out);
        Networks.collectLinear(prefix + "sort_t.2.", sortT2, out);
        firstBlock.collectNamedParameters(prefix + "first_block.", out);
        for (int i = 0; i < downBlocks.size(); i++) {
            downBlocks.get(i).collectNamedParameters(prefix + "down_block." + i + ".", out);
        }
        middleBlock.collectNamedParameters(prefix + "middle_block.", out);
        for (int i = 0; i < upBlocks.size(); i++) {
            upBlocks.get(i).collectNamedParameters(prefix + "up_block." + i + ".", out);
        }
        Networks.collectLinear(prefix + "last_block.", lastLinear, out);
    }
}
