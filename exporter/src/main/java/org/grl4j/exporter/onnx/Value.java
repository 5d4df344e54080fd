package org.grl4j.exporter.onnx;

import java.util.List;
import java.util.Objects;

/**
 * A named tensor value in a graph under construction, with its element type and shape.
 *
 * <p>The shape lists one size per axis; {@link #BATCH} marks the symbolic batch axis that the file
 * declares as {@code dim_param "N"}. A rank-0 shape is a scalar. Values are created by {@link
 * OnnxGraphBuilder}; their names are unique within one graph.
 *
 * @param name the value's name in the graph
 * @param type the element type
 * @param shape the size of each axis, {@link #BATCH} for the batch axis
 */
public record Value(String name, ElementType type, List<Long> shape) {

    /** The size recorded for the symbolic batch axis N. */
    public static final long BATCH = -1;

    /** Checks the name and the axis sizes and freezes the shape. */
    public Value {
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "value name is '" + name + "'; a graph value needs a non-blank name");
        }
        for (Long size : shape) {
            if (size == null || size < BATCH) {
                throw new IllegalArgumentException(
                        "value '"
                                + name
                                + "' has axis size "
                                + size
                                + " in "
                                + shape
                                + "; sizes are >= 0, or Value.BATCH (-1) for the batch axis");
            }
        }
        shape = List.copyOf(shape);
    }

    /** The number of axes. */
    public int rank() {
        return shape.size();
    }

    /** The size of an axis; negative axes count from the end, as in ONNX. */
    public long dim(int axis) {
        int resolved = axis < 0 ? axis + rank() : axis;
        if (resolved < 0 || resolved >= rank()) {
            throw new IllegalArgumentException(
                    "axis " + axis + " is out of range for value '" + name + "' of shape " + shape);
        }
        return shape.get(resolved);
    }

    /** The shape as an array, {@link #BATCH} for the batch axis. */
    public long[] shapeArray() {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }
}
