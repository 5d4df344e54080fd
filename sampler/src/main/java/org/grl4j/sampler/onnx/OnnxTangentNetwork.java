package org.grl4j.sampler.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import org.grl4j.models.network.TangentNetwork;

/**
 * An {@link OnnxNetwork} whose graph also has the tangent pair of DESIGN.md section 3.2: input
 * {@code x_tangent [N, D]} and output {@code h_tangent [N, D]} = J_x h(t, x, c) . x_tangent, row by
 * row, built by forward-mode differentiation at export time. {@link OnnxNetwork#load} returns this
 * type exactly when the graph has both tensors.
 *
 * <p>Layouts, precision, threading and errors are those of {@link OnnxNetwork}; {@code xTangent}
 * and {@code hTangent} are row-major {@code [N * D]} doubles. Plain {@link #evaluate} feeds a zero
 * tangent and skips the tangent output.
 */
public final class OnnxTangentNetwork extends OnnxNetwork implements TangentNetwork {

    OnnxTangentNetwork(
            OrtEnvironment environment,
            OrtSession session,
            Path modelPath,
            ModelSidecar description,
            ExecutionProvider executionProvider,
            OnnxNetworkOptions options) {
        super(environment, session, modelPath, description, executionProvider, true, options);
    }

    @Override
    public void evaluateWithTangent(
            int n,
            double[] t,
            double[] x,
            double[] condition,
            double[] xTangent,
            double[] out,
            double[] hTangent) {
        evaluateTangent(n, t, x, condition, xTangent, out, hTangent);
    }
}
