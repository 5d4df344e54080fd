package org.grl4j.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Helpers shared by the blocks of this package: seeded initialization, parameter counts and
 * GenerativeRL-style parameter names.
 *
 * <p>Initialization follows PyTorch's defaults so that training starts where GenerativeRL's does: a
 * Linear with fan-in k draws its weight and its bias from U(-1/sqrt(k), 1/sqrt(k)) (PyTorch's
 * Kaiming-uniform with a = sqrt 5); blocks with other parameters implement {@link
 * SeededParameters}. All draws come from one {@link SplittableRandom} seeded by the caller, visited
 * in the blocks' child order, so a seed fixes the network.
 */
public final class Networks {

    private Networks() {}

    /**
     * Initializes {@code block} in float32 for inputs of the given shapes and draws every parameter
     * from a generator seeded with {@code seed}.
     */
    public static void initialize(Block block, NDManager manager, long seed, Shape... inputShapes) {
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        resetParameters(block, new SplittableRandom(seed));
    }

    /** Redraws every parameter of {@code block} and its descendants from {@code random}. */
    public static void resetParameters(Block block, RandomGenerator random) {
        if (block instanceof Linear linear) {
            resetLinear(linear, random);
            return;
        }
        if (block instanceof SeededParameters seeded) {
            seeded.resetParameters(random);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            resetParameters(child.getValue(), random);
        }
    }

    private static void resetLinear(Linear linear, RandomGenerator random) {
        Parameter weight = linear.getParameters().get("weight");
        long fanIn = weight.getArray().getShape().get(1);
        double bound = 1.0 / Math.sqrt(fanIn);
        overwrite(weight, uniform(weight.getArray().getShape().size(), bound, random));
        Parameter bias = linear.getParameters().get("bias");
        if (bias != null) {
            overwrite(bias, uniform(bias.getArray().getShape().size(), bound, random));
        }
    }

    private static float[] uniform(long size, double bound, RandomGenerator random) {
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return values;
    }

    /** Replaces the values of an initialized parameter in place (row-major float32). */
    public static void overwrite(Parameter parameter, float[] values) {
        try (GradMode.Scope ignored = GradMode.disabled()) {
            parameter.getArray().set(values);
        }
    }

    /** Every parameter, trainable or frozen, as PyTorch's {@code parameters()} counts them. */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    /** The parameters that receive gradients. */
    public static long trainableParameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (parameter.getValue().requiresGradient()) {
                count += parameter.getValue().getArray().size();
            }
        }
        return count;
    }

    /**
     * The parameters of {@code block} in forward order under GenerativeRL's PyTorch names where the
     * block knows them ({@link NamedParameterBlock}), else under DJL's names.
     */
    public static Map<String, Parameter> namedParameters(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectNamed("", block, out);
        return out;
    }

    static void collectNamed(String prefix, Block block, Map<String, Parameter> out) {
        if (block instanceof NamedParameterBlock named) {
            named.collectNamedParameters(prefix, out);
        } else if (block instanceof Linear linear) {
            collectLinear(prefix, linear, out);
        } else {
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                out.put(prefix + parameter.getKey(), parameter.getValue());
            }
        }
    }

    static void collectLinear(String prefix, Linear linear, Map<String, Parameter> out) {
        out.put(prefix + "weight", linear.getParameters().get("weight"));
        Parameter bias = linear.getParameters().get("bias");
        if (bias != null) {
            out.put(prefix + "bias", bias);
        }
    }

    static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    static NDArray apply(
            Linear linear, ParameterStore parameterStore, NDArray x, boolean training) {
        return linear.forward(parameterStore, new NDList(x), training).singletonOrThrow();
    }

    static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    static void requireWidth(String name, Shape shape, long width) {
        if (shape.dimension() != 2 || shape.get(1) != width) {
            throw new IllegalArgumentException(
                    name
                            + " must have shape [N, "
                            + width
                            + "], got "
                            + shape
                            + "; check x_size, t_dim and condition_dim in the config");
        }
    }
}
