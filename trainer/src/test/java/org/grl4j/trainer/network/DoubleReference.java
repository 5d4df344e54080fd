package org.grl4j.trainer.network;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * An independent double-precision evaluation of GenerativeRL's networks from their weights, read by
 * PyTorch name. Only the inputs and the stored float32 weights are shared with the blocks under
 * test; every formula is written here from GenerativeRL's definitions.
 */
public final class DoubleReference {

    private final Map<String, Parameter> weights;

    public DoubleReference(Map<String, Parameter> weights) {
        this.weights = weights;
    }

    /** [N, out] = x W^T + b for the Linear stored under {@code name}. */
    public double[][] linear(String name, double[][] x) {
        Parameter weight = weights.get(name + "weight");
        Parameter bias = weights.get(name + "bias");
        if (weight == null) {
            throw new AssertionError("no weight " + name + "weight in " + weights.keySet());
        }
        int out = (int) weight.getArray().getShape().get(0);
        int in = (int) weight.getArray().getShape().get(1);
        float[] w = weight.getArray().toFloatArray();
        float[] b = bias.getArray().toFloatArray();
        double[][] y = new double[x.length][out];
        for (int n = 0; n < x.length; n++) {
            if (x[n].length != in) {
                throw new AssertionError(name + " expects width " + in + ", got " + x[n].length);
            }
            for (int o = 0; o < out; o++) {
                double sum = b[o];
                for (int i = 0; i < in; i++) {
                    sum += (double) w[o * in + i] * x[n][i];
                }
                y[n][o] = sum;
            }
        }
        return y;
    }

    /** GenerativeRL's Fourier features; the product t W is rounded to float32 as the block does. */
    public double[][] fourier(String name, float[] t) {
        float[] w = weights.get(name + "W").getArray().toFloatArray();
        double[][] out = new double[t.length][2 * w.length];
        for (int n = 0; n < t.length; n++) {
            for (int k = 0; k < w.length; k++) {
                float projection = t[n] * w[k];
                out[n][k] = Math.sin(projection);
                out[n][w.length + k] = Math.cos(projection);
            }
        }
        return out;
    }

    /** TemporalSpatialResBlock: a(dense1 x) + time(a(e)), then a(dense2 .) + skip(x). */
    public double[][] resBlock(String name, double[][] e, double[][] x) {
        double[][] h1 =
                add(
                        apply("silu", linear(name + "dense1.0.", x)),
                        linear(name + "time_mlp.1.", apply("silu", e)));
        double[][] h2 = apply("silu", linear(name + "dense2.0.", h1));
        double[][] skip =
                weights.containsKey(name + "modify_x.weight") ? linear(name + "modify_x.", x) : x;
        return add(h2, skip);
    }

    /** TemporalSpatialResidualNet with {@code depth + 1} hidden sizes. */
    public double[][] residualNet(
            String name, int depth, double[][] tEmbedding, double[][] x, double[][] condition) {
        double[][] timeCondition = tEmbedding;
        if (condition != null) {
            timeCondition =
                    concat(
                            tEmbedding,
                            apply("silu", linear(name + "pre_sort_condition.0.", condition)));
        }
        double[][] e =
                linear(
                        name + "sort_t.2.",
                        apply("silu", linear(name + "sort_t.0.", timeCondition)));
        double[][][] d = new double[depth + 1][][];
        d[0] = resBlock(name + "first_block.", e, x);
        for (int i = 1; i <= depth; i++) {
            d[i] = resBlock(name + "down_block." + (i - 1) + ".", e, d[i - 1]);
        }
        double[][] u = resBlock(name + "middle_block.", e, d[depth]);
        for (int k = 0; k < depth; k++) {
            u = resBlock(name + "up_block." + k + ".", e, concat(u, d[depth - k]));
        }
        return linear(name + "last_block.", concat(u, d[0]));
    }

    /** MultiLayerPerceptron with {@code hiddenLayers} activated layers and one output layer. */
    public double[][] mlp(String name, int hiddenLayers, String activation, double[][] x) {
        double[][] z = x;
        for (int i = 0; i < hiddenLayers; i++) {
            z = apply(activation, linear(name + "model.linear" + i + ".", z));
        }
        return linear(name + "model.linear" + hiddenLayers + ".", z);
    }

    public static double activation(String name, double x) {
        return switch (name) {
            case "silu" -> x / (1 + Math.exp(-x));
            case "mish" -> x * Math.tanh(Math.log1p(Math.exp(x)));
            case "relu" -> Math.max(x, 0);
            case "selu" ->
                    1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * Math.expm1(x));
            case "tanh" -> Math.tanh(x);
            case "elu" -> x > 0 ? x : Math.expm1(x);
            case "softplus" -> Math.log1p(Math.exp(x));
            case "gelu" ->
                    0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2)));
            case "sigmoid" -> 1 / (1 + Math.exp(-x));
            case "square" -> x * x;
            case "identity" -> x;
            default -> throw new AssertionError("no reference for " + name);
        };
    }

    public static double[][] apply(String activation, double[][] x) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            y[n] = new double[x[n].length];
            for (int i = 0; i < x[n].length; i++) {
                y[n][i] = activation(activation, x[n][i]);
            }
        }
        return y;
    }

    public static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int n = 0; n < a.length; n++) {
            for (int i = 0; i < a[n].length; i++) {
                y[n][i] = a[n][i] + b[n][i];
            }
        }
        return y;
    }

    public static double[][] concat(double[][] a, double[][] b) {
        double[][] y = new double[a.length][];
        for (int n = 0; n < a.length; n++) {
            y[n] = new double[a[n].length + b[n].length];
            System.arraycopy(a[n], 0, y[n], 0, a[n].length);
            System.arraycopy(b[n], 0, y[n], a[n].length, b[n].length);
        }
        return y;
    }

    public static double[] flatten(double[][] x) {
        int width = x[0].length;
        double[] out = new double[x.length * width];
        for (int n = 0; n < x.length; n++) {
            System.arraycopy(x[n], 0, out, n * width, width);
        }
        return out;
    }

    public static double[][] rows(float[] flat, int width) {
        double[][] out = new double[flat.length / width][width];
        for (int i = 0; i < flat.length; i++) {
            out[i / width][i % width] = flat[i];
        }
        return out;
    }
}
