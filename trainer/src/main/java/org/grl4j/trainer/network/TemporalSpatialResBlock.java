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
import java.util.Map;
import java.util.Optional;

/**
 * GenerativeRL's {@code TemporalSpatialResBlock(input_dim, output_dim, t_dim)}: a residual MLP
 * block conditioned on an embedding e.
 *
 * <pre>
 *   h1  = a(dense1(x)) + time(a(e))
 *   h2  = a(dense2(h1))
 *   out = h2 + skip(x)          skip = Linear(in, out) when in != out, else the identity
 * </pre>
 *
 * with a the activation (SiLU in GenerativeRL) and every Linear {@code y = x W^T + b}, W of shape
 * {@code [out, in]}. Inputs {@code NDList(e [N, T], x [N, in])}, output {@code [N, out]}.
 *
 * <p>Sub-blocks, all {@link Linear}: {@link #dense1()} (in to out), {@link #dense2()} (out to out),
 * {@link #time()} (T to out) and the optional {@link #skip()} (in to out). PyTorch names: {@code
 * dense1.0}, {@code dense2.0}, {@code time_mlp.1}, {@code modify_x}.
 */
public final class TemporalSpatialResBlock extends AbstractBlock implements NamedParameterBlock {

    private static final byte VERSION = 1;

    private final int inputDim;
    private final int outputDim;
    private final Activation activation;
    private final Linear dense1;
    private final Linear dense2;
    private final Linear time;
    private final Linear skip;

    /**
     * @param inputDim the width of x
     * @param outputDim the width of the output
     * @param activation a, SiLU in GenerativeRL
     */
    public TemporalSpatialResBlock(int inputDim, int outputDim, Activation activation) {
        super(VERSION);
        Networks.requirePositive("TemporalSpatialResBlock input_dim", inputDim);
        Networks.requirePositive("TemporalSpatialResBlock output_dim", outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.activation = activation;
        this.dense1 = addChildBlock("dense1", Networks.linear(outputDim));
        this.dense2 = addChildBlock("dense2", Networks.linear(outputDim));
        this.time = addChildBlock("time_mlp", Networks.linear(outputDim));
        this.skip =
                inputDim == outputDim
                        ? null
                        : addChildBlock("modify_x", Networks.linear(outputDim));
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public Activation activation() {
        return activation;
    }

    public Linear dense1() {
        return dense1;
    }

    public Linear dense2() {
        return dense2;
    }

    /** The Linear applied to a(e). */
    public Linear time() {
        return time;
    }

    /** The projection of x on the residual path, absent when input and output widths agree. */
    public Optional<Linear> skip() {
        return Optional.ofNullable(skip);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray embedding = inputs.get(0);
        NDArray x = inputs.get(1);

        NDArray h1 =
                activation
                        .apply(Networks.apply(dense1, parameterStore, x, training))
                        .add(
                                Networks.apply(
                                        time,
                                        parameterStore,
                                        activation.apply(embedding),
                                        training));
        NDArray h2 = activation.apply(Networks.apply(dense2, parameterStore, h1, training));

        NDArray residual = skip == null ? x : Networks.apply(skip, parameterStore, x, training);
        return new NDList(h2.add(residual));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[1].get(0), outputDim)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape embedding = inputShapes[0];
        Shape x = inputShapes[1];
        Networks.requireWidth("TemporalSpatialResBlock x", x, inputDim);
        long n = x.get(0);
        dense1.initialize(manager, dataType, x);
        dense2.initialize(manager, dataType, new Shape(n, outputDim));
        time.initialize(manager, dataType, embedding);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        Networks.collectLinear(prefix + "time_mlp.1.", time, out);
        Networks.collectLinear(prefix + "dense1.0.", dense1, out);
        Networks.collectLinear(prefix + "dense2.0.", dense2, out);
        if (skip != null) {
            Networks.collectLinear(prefix + "modify_x.", skip, out);
        }
    }
}
