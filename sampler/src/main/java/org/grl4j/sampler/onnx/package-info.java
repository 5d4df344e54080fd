/**
 * ONNX Runtime as an implementation of the batch network contract: a frozen network file becomes a
 * {@link org.grl4j.models.network.BatchNetwork} that every solver of the sampler can integrate.
 *
 * <p>{@link org.grl4j.sampler.onnx.OnnxNetwork#load} opens the file with the {@link
 * org.grl4j.sampler.onnx.OnnxNetworkOptions} (execution provider, CUDA fallback, thread counts),
 * reads the {@link org.grl4j.models.card.ModelCard} from the file's grl4j metadata, or from a
 * {@link org.grl4j.sampler.onnx.ModelSidecar} for a network made elsewhere (which also maps the
 * graph's own {@link org.grl4j.sampler.onnx.TensorNames}), and checks the graph's inputs and
 * outputs against the card. Graphs with the forward-mode tangent pair load as {@link
 * org.grl4j.sampler.onnx.OnnxTangentNetwork}, a {@link org.grl4j.models.network.TangentNetwork} for
 * exact likelihood traces.
 *
 * <p>Calls convert the contract's row-major double arrays to float32 tensors in pooled direct
 * buffers and back; one network is safe to share across threads and is closed once, after which it
 * refuses calls. File, graph and runtime problems raise {@link
 * org.grl4j.sampler.onnx.OnnxModelException}; bad call arguments raise {@link
 * IllegalArgumentException}. The test fixtures under {@code src/test/resources/onnx/} are built by
 * {@code src/test/python/make_fixtures.py}.
 */
package org.grl4j.sampler.onnx;
