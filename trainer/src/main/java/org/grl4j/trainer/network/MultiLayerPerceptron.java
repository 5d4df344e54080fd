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
 * GenerativeRL's {@code MultiLayerPerceptron(hidden_sizes, output_size, activation,
 * final_activation, scale)}: {@code hidden_sizes} includes the input width.
 *
 * <pre>
 *   z_0 = x                                   x [N, hidden_sizes[0]]
 *   z_i = a_i(Linear_{h_{i-1} -&gt; h_i}(z_{i-1}))    i = 1 .. L-1, L = hidden_sizes.size()
 *   out = scale * f(Linear_{h_{L-1} -&gt; output_size}(z_{L-1}))
 * </pre>
 *
 * with f the optional final activation (identity when absent) and every Linear {@code x W^T + b}, W
 * {@code [out, in]}. Input {@code NDList(x)}, output {@code [N, output_size]}. Dropout and layer
 * norm of the Python class are not offered.
 *
 * <p>Sub-blocks: {@link #layers()} in order (the last one is the output layer), and {@link
 * #activations()} (one per hidden layer). PyTorch names: {@code model.linear<i>}.
 */
public final class MultiLayerPerceptron extends AbstractBlock implements NamedParameterBlock {

    private static final byte VERSION = 1;

    private final List<Integer> hiddenSizes;
    private final int outputSize;
    private final List<Activation> activations;
    private final Activation finalActivation;
    private final double scale;
    private final List<Linear> layers = new ArrayList<>();

    /** One activation for every hidden layer, no final activation, scale 1. */
    public MultiLayerPerceptron(List<Integer> hiddenSizes, int outputSize, Activation activation) {
        this(
                hiddenSizes,
                outputSize,
                java.util.Collections.nCopies(Math.max(hiddenSizes.size() - 1, 0), activation),
                null,
                1.0);
    }

    /**
     * @param hiddenSizes the input width followed by the hidden widths, at least one entry
     * @param outputSize the output width
     * @param activations one activation per hidden layer ({@code hiddenSizes.size() - 1})
     * @param finalActivation applied to the output, or null for none
     * @param scale a constant factor on the output (GenerativeRL's frozen {@code scale})
     */
    public MultiLayerPerceptron(
            List<Integer> hiddenSizes,
            int outputSize,
            List<Activation> activations,
            Activation finalActivation,
            double scale) {
        super(VERSION);
        if (hiddenSizes == null || hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException(
                    "MultiLayerPerceptron hidden_sizes must start with the input width, got "
                            + hiddenSizes);
        }
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Networks.requirePositive(
                    "MultiLayerPerceptron hidden_sizes[" + i + "]", hiddenSizes.get(i));
        }
        Networks.requirePositive("MultiLayerPerceptron output_size", outputSize);
        if (activations.size() != hiddenSizes.size() - 1) {
            throw new IllegalArgumentException(
                    "MultiLayerPerceptron needs one activation per hidden layer: "
                            + (hiddenSizes.size() - 1)
                            + " for hidden_sizes "
                            + hiddenSizes
                            + ", got "
                            + activations.size());
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException(
                    "MultiLayerPerceptron scale must be finite, got " + scale);
        }
        this.hiddenSizes = List.copyOf(hiddenSizes);
        this.outputSize = outputSize;
        this.activations = List.copyOf(activations);
        this.finalActivation = finalActivation;
        this.scale = scale;
        for (int i = 1; i < hiddenSizes.size(); i++) {
            layers.add(addChildBlock("linear" + (i - 1), Networks.linear(hiddenSizes.get(i))));
        }
        layers.add(addChildBlock("linear" + (hiddenSizes.size() - 1), Networks.linear(outputSize)));
    }

    /** The input width followed by the hidden widths. */
    public List<Integer> hiddenSizes() {
        return hiddenSizes;
    }

    public int inputSize() {
        return hiddenSizes.get(0);
    }

    public int outputSize() {
        return outputSize;
    }

    /** The activation after each hidden layer. */
    public List<Activation> activations() {
        return activations;
    }

    public Optional<Activation> finalActivation() {
        return Optional.ofNullable(finalActivation);
    }

    public double scale() {
        return scale;
    }

    /** Every Linear in order; the last one produces the output. */
    public List<Linear> layers() {
        return List.copyOf(layers);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        for (int i = 0; i < activations.size(); i++) {
            z =
                    activations
                            .get(i)
                            .apply(Networks.apply(layers.get(i), parameterStore, z, training));
        }
        z = Networks.apply(layers.get(layers.size() - 1), parameterStore, z, training);
        if (finalActivation != null) {
            z = finalActivation.apply(z);
        }
        return new NDList(scale == 1.0 ? z : z.mul(scale));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputSize)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Networks.requireWidth("MultiLayerPerceptron input", inputShapes[0], inputSize());
        long n = inputShapes[0].get(0);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).initialize(manager, dataType, new Shape(n, hiddenSizes.get(i)));
        }
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        for (int i = 0; i < layers.size(); i++) {
            Networks.collectLinear(prefix + "model.linear" + i + ".", layers.get(i), out);
        }
    }
}
