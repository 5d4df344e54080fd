package org.grl4j.exporter.onnx;

/**
 * Element-wise activations a(z) as ONNX nodes, with their forward-mode tangent a'(z) dz.
 *
 * <p>Each constant states the function and the derivative it emits; derivatives are built from
 * default-domain opset 17 operators and reuse the value's own nodes (sigmoid, tanh(softplus)) where
 * the derivative needs them. At the kinks of ReLU, ELU and SELU the derivative taken is the one
 * from the right-open side, a'(0) = a'(0-), as PyTorch's autograd does.
 */
public enum Activation {
    /** a(z) = z; a'(z) = 1. */
    IDENTITY {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            return z;
        }
    },
    /** a(z) = max(z, 0); a'(z) = 1 for z > 0, else 0. */
    RELU {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.relu(z.primal());
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value positive = g.greater(z.primal(), g.scalar(0f));
            return new DualValue(y, g.where(positive, z.tangent(), g.scalar(0f)));
        }
    },
    /** a(z) = tanh z; a'(z) = 1 - tanh² z. */
    TANH {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.tanh(z.primal());
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value slope = g.sub(g.scalar(1f), g.mul(y, y));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /** a(z) = σ(z) = 1 / (1 + e^-z); a'(z) = σ(z) (1 - σ(z)). */
    SIGMOID {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.sigmoid(z.primal());
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value slope = g.mul(y, g.sub(g.scalar(1f), y));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /** SiLU (swish, beta 1): a(z) = z σ(z); a'(z) = σ(z) + a(z) (1 - σ(z)). */
    SILU {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value s = g.sigmoid(z.primal());
            Value y = g.mul(z.primal(), s);
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value slope = g.add(s, g.mul(y, g.sub(g.scalar(1f), s)));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /** a(z) = log(1 + e^z); a'(z) = σ(z). */
    SOFTPLUS {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.softplus(z.primal());
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            return new DualValue(y, g.mul(g.sigmoid(z.primal()), z.tangent()));
        }
    },
    /**
     * Mish: a(z) = z tanh(softplus z); a'(z) = tanh(softplus z) + z (1 - tanh²(softplus z)) σ(z).
     */
    MISH {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value tsp = g.tanh(g.softplus(z.primal()));
            Value y = g.mul(z.primal(), tsp);
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value sech2 = g.sub(g.scalar(1f), g.mul(tsp, tsp));
            Value slope = g.add(tsp, g.mul(g.mul(z.primal(), sech2), g.sigmoid(z.primal())));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /** ELU with alpha 1: a(z) = z for z > 0, else e^z - 1; a'(z) = 1 for z > 0, else a(z) + 1. */
    ELU {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.elu(z.primal(), 1f);
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value positive = g.greater(z.primal(), g.scalar(0f));
            Value slope = g.where(positive, g.scalar(1f), g.add(y, g.scalar(1f)));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /**
     * SELU: a(z) = γ z for z > 0, else γ α (e^z - 1), with the self-normalizing constants α ≈
     * 1.6733, γ ≈ 1.0507; a'(z) = γ for z > 0, else a(z) + γ α.
     */
    SELU {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.selu(z.primal(), SELU_ALPHA, SELU_GAMMA);
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value positive = g.greater(z.primal(), g.scalar(0f));
            Value negativeSlope = g.add(y, g.scalar(SELU_ALPHA * SELU_GAMMA));
            Value slope = g.where(positive, g.scalar(SELU_GAMMA), negativeSlope);
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /**
     * GELU, exact: a(z) = z Φ(z); a'(z) = Φ(z) + z φ(z), φ(z) = e^(-z²/2) / √(2π) the standard
     * normal density.
     */
    GELU {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value cdf = g.normalCdf(z.primal());
            Value y = g.mul(z.primal(), cdf);
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value halfSquare = g.mul(g.mul(z.primal(), z.primal()), g.scalar(-0.5f));
            Value density =
                    g.mul(g.exp(halfSquare), g.scalar((float) (1 / Math.sqrt(2 * Math.PI))));
            Value slope = g.add(cdf, g.mul(z.primal(), density));
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    },
    /** a(z) = z²; a'(z) = 2 z. */
    SQUARE {
        @Override
        DualValue emit(OnnxGraphBuilder g, DualValue z) {
            Value y = g.mul(z.primal(), z.primal());
            if (!z.hasTangent()) {
                return DualValue.constant(y);
            }
            Value slope = g.mul(g.scalar(2f), z.primal());
            return new DualValue(y, g.mul(slope, z.tangent()));
        }
    };

    /** SELU's α (Klambauer et al. 2017), the value ONNX and PyTorch use. */
    public static final float SELU_ALPHA = 1.6732632423543772f;

    /** SELU's scale γ (Klambauer et al. 2017), the value ONNX and PyTorch use. */
    public static final float SELU_GAMMA = 1.0507009873554805f;

    /** Emits a(z) and, when z carries a tangent, a'(z) dz. */
    abstract DualValue emit(OnnxGraphBuilder g, DualValue z);
}
