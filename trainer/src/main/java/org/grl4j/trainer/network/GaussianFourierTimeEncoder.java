package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Gaussian random Fourier features of the time, GenerativeRL's {@code
 * GaussianFourierProjectionTimeEncoder(embed_dim, scale = 30, requires_grad = False)}.
 *
 * <pre>
 *   W[k] ~ N(0, 1) * scale * 2 pi,   k = 0 .. embedDim/2 - 1   (2 pi is folded into W)
 *   phi(t) = [sin(t W[0]), ..., sin(t W[K-1]), cos(t W[0]), ..., cos(t W[K-1])]
 * </pre>
 *
 * All sines come first, then all cosines. Input {@code t [N]}, output {@code [N, embedDim]}.
 *
 * <p>The one parameter is {@code W}, shape {@code [embedDim / 2]}. It always counts as a parameter
 * (as in PyTorch, where a frozen {@code nn.Parameter} is still listed); it receives gradients only
 * when {@code trainable} is true (GenerativeRL's diffusion tutorial trains it, its other configs
 * keep it frozen).
 */
public final class GaussianFourierTimeEncoder extends AbstractBlock
        implements NamedParameterBlock, SeededParameters {

    /** GenerativeRL's default frequency scale. */
    public static final double DEFAULT_SCALE = 30.0;

    private static final byte VERSION = 1;

    private final int embedDim;
    private final double scale;
    private final boolean trainable;
    private final Parameter frequencies;

    /**
     * @param embedDim the output width, even and positive
     * @param scale the standard deviation of the frequencies before the 2 pi factor, positive
     * @param trainable whether W receives gradients
     */
    public GaussianFourierTimeEncoder(int embedDim, double scale, boolean trainable) {
        super(VERSION);
        if (embedDim <= 0 || embedDim % 2 != 0) {
            throw new IllegalArgumentException(
                    "GaussianFourierTimeEncoder embed_dim must be a positive even number, got "
                            + embedDim
                            + "; sines and cosines take half each");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "GaussianFourierTimeEncoder scale must be finite and positive, got " + scale);
        }
        this.embedDim = embedDim;
        this.scale = scale;
        this.trainable = trainable;
        this.frequencies =
                addParameter(
                        Parameter.builder()
                                .setName("W")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(embedDim / 2))
                                .optInitializer(Initializer.ZEROS)
                                .optRequiresGrad(trainable)
                                .build());
    }

    /** The output width. */
    public int embedDim() {
        return embedDim;
    }

    /** The frequency scale before the 2 pi factor. */
    public double scale() {
        return scale;
    }

    /** Whether W is trained. */
    public boolean trainable() {
        return trainable;
    }

    /** The frequencies W (2 pi included), shape {@code [embedDim / 2]}. */
    public Parameter frequencies() {
        return frequencies;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray t = inputs.head();
        NDArray w = parameterStore.getValue(frequencies, t.getDevice(), training);
        NDArray projection = t.reshape(-1, 1).mul(w.reshape(1, -1));
        return new NDList(projection.sin().concat(projection.cos(), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), embedDim)};
    }

    @Override
    public void resetParameters(RandomGenerator random) {
        float[] w = new float[embedDim / 2];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (random.nextGaussian() * scale * 2 * Math.PI);
        }
        Networks.overwrite(frequencies, w);
    }

    @Override
    public void collectNamedParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "W", frequencies);
    }

    @Override
    public String toString() {
        return "GaussianFourierTimeEncoder(embed_dim="
                + embedDim
                + ", scale="
                + scale
                + ", trainable="
                + trainable
                + ")";
    }
}
