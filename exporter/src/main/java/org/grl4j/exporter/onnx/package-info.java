/**
 * Building ONNX graphs and writing them as model files.
 *
 * <p>{@link org.grl4j.exporter.onnx.OnnxGraphBuilder} adds nodes and returns typed {@link
 * org.grl4j.exporter.onnx.Value}s whose shapes it checks as it goes; it stamps IR version 8 and
 * opset 17 and declares the batch axis as the symbolic dimension {@code N}. {@link
 * org.grl4j.exporter.onnx.TangentGraph} sits on top of it and builds, for each operator, the
 * forward-mode tangent alongside the value ({@link org.grl4j.exporter.onnx.DualValue}), which gives
 * the Jacobian-vector product output of DESIGN.md section 3.2. {@link
 * org.grl4j.exporter.onnx.OnnxModelFiles} writes the finished model atomically. The message classes
 * come from the project's own schema subset in {@code src/main/proto}, compiled at build time.
 */
package org.grl4j.exporter.onnx;
