package org.grl4j.exporter.onnx;

import java.util.Objects;

/**
 * A graph value together with its forward-mode tangent: {@code primal} is y(x) and {@code tangent}
 * is dy = J_x y · dx for the graph's tangent input dx (DESIGN.md section 3.2).
 *
 * <p>A null tangent means the value does not depend on x (time and condition branches) or the model
 * is exported without a tangent output; no tangent nodes are emitted for it. Both values have the
 * same shape, {@code [N, width]} for the values a network passes between blocks.
 *
 * @param primal the value
 * @param tangent its directional derivative along the tangent input, or null when it is zero
 */
public record DualValue(Value primal, Value tangent) {

    /** Checks that the tangent, when present, has the primal's shape. */
    public DualValue {
        Objects.requireNonNull(primal, "primal");
        if (tangent != null && !tangent.shape().equals(primal.shape())) {
            throw new IllegalArgumentException(
                    "tangent '"
                            + tangent.name()
                            + "' has shape "
                            + tangent.shape()
                            + " but its value '"
                            + primal.name()
                            + "' has shape "
                            + primal.shape()
                            + "; a tangent always has its value's shape");
        }
    }

    /** A value that does not depend on x: its tangent is zero. */
    public static DualValue constant(Value primal) {
        return new DualValue(primal, null);
    }

    /** Whether a tangent is carried (false: the tangent is identically zero). */
    public boolean hasTangent() {
        return tangent != null;
    }

    /** The size of the last axis of the value. */
    public long width() {
        return primal.dim(-1);
    }
}
