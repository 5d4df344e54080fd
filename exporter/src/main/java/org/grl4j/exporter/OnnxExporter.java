package org.grl4j.exporter;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.grl4j.exporter.block.BlockExporterRegistry;
import org.grl4j.exporter.block.ExportContext;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.Int8Quantization;
import org.grl4j.exporter.onnx.NetworkSignature;
import org.grl4j.exporter.onnx.OnnxGraphBuilder;
import org.grl4j.exporter.onnx.OnnxModelFiles;
import org.grl4j.exporter.onnx.Value;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.grl4j.exporter.parity.ParityCheck;
import org.grl4j.exporter.parity.ParityException;
import org.grl4j.exporter.parity.ParityReport;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.Quantization;
import org.grl4j.trainer.network.IntrinsicModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freezes a trained DJL network into a self-describing ONNX file (DESIGN.md section 3).
 *
 * <p>The network follows the batch contract, {@code forward(NDList(t [N], x [N, D][, condition [N,
 * C]]))} → h [N, D], as the trainer's {@link IntrinsicModel} does; t is in the model's own time
 * convention and h in its declared parameterization, both recorded by the {@link ModelCard} whose
 * metadata goes into {@code metadata_props}. The graph has inputs t [N], x [N, D], condition [N, C]
 * when C &gt; 0, and with {@link ExportOptions#tangent()} x_tangent [N, D]; outputs h [N, D] and
 * h_tangent [N, D] (see {@link NetworkSignature}). N is symbolic; weights are initializers; IR 8,
 * opset 17.
 *
 * <p>{@link #export} builds the graph, checks parity with the DJL network (failing loudly with
 * {@link org.grl4j.exporter.parity.ParityException}), then writes the file atomically. Blocks are
 * exported through a {@link BlockExporterRegistry}; add exporters for your own block types there.
 */
public final class OnnxExporter {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExporter.class);

    private final BlockExporterRegistry registry;

    /** An exporter that knows every built-in block. */
    public OnnxExporter() {
        this(BlockExporterRegistry.withBuiltIns());
    }

    /** An exporter that uses the exporters in {@code registry}. */
    public OnnxExporter(BlockExporterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Builds the ONNX model of {@code network} with the card's metadata, without checking or
     * writing it.
     *
     * @throws org.grl4j.exporter.block.UnsupportedBlockException if a block has no exporter
     * @throws org.grl4j.exporter.block.MissingParameterException if a parameter has no value
     * @throws IllegalArgumentException if the network does not match the card's sizes
     */
    public ModelProto toModel(Block network, ModelCard card, boolean tangent) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(card, "card");
        checkAgainstCard(network, card);
        NetworkSignature signature =
                new NetworkSignature(card.xSize(), card.conditionSize(), tangent);

        OnnxGraphBuilder graph = new OnnxGraphBuilder("grl4j_network");
        List<DualValue> inputs = declareInputs(graph, signature);
        List<DualValue> outputs =
                new ExportContext(registry, graph).export(network, "network", inputs);
        declareOutputs(graph, signature, outputs);
        return graph.build(card.toMetadata());
    }

    /**
     * Exports {@code network} to {@code target}: builds the model, checks parity when the options
     * ask for it, and writes the file atomically. Nothing is written if any step fails.
     *
     * @throws org.grl4j.exporter.parity.ParityException if ONNX Runtime and DJL disagree
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public ExportReport export(Block network, ModelCard card, Path target, ExportOptions options) {
        ModelProto model;
        if (options.quantization() == Quantization.NONE) {
            model = toModel(network, card, options.tangent());
        } else {
            ModelCard quantized = card.withQuantization(options.quantization());
            Int8Quantization.Result result =
                    Int8Quantization.apply(
                            toModel(network, quantized, false),
                            Int8Quantization.DEFAULT_MIN_ELEMENTS);
            model = result.model();
            LOG.info(
                    "quantized {} layers to int8, {} bytes of float weights replaced",
                    result.quantizedLayers(),
                    result.floatBytesRemoved());
        }
        ParityReport parity = null;
        if (options.checkParity()) {
            parity = ParityCheck.check(network, model, options.parity());
            if (!parity.passed() && options.quantization() != Quantization.NONE) {
                throw new ParityException(
                        "the "
                                + options.quantization().configName()
                                + " model is further from the DJL network than the limit allows: "
                                + parity.summary()
                                + "; this network loses too much to quantization, export the"
                                + " float model",
                        parity);
            }
            ParityCheck.requirePassed(parity);
            LOG.info("parity with DJL: {}", parity.summary());
        }
        OnnxModelFiles.write(model, target);
        return new ExportReport(
                target, model.getSerializedSize(), model.getGraph().getNodeCount(), parity);
    }

    private static void checkAgainstCard(Block network, ModelCard card) {
        if (network instanceof IntrinsicModel model
                && (model.xSize() != card.xSize()
                        || model.conditionSize() != card.conditionSize())) {
            throw new IllegalArgumentException(
                    "the network has x_size "
                            + model.xSize()
                            + " and condition_size "
                            + model.conditionSize()
                            + " but the model card says "
                            + card.xSize()
                            + " and "
                            + card.conditionSize()
                            + "; export the card that was trained with this network");
        }
    }

    private static List<DualValue> declareInputs(
            OnnxGraphBuilder graph, NetworkSignature signature) {
        Value t = graph.input(NetworkSignature.T, Value.BATCH);
        Value x = graph.input(NetworkSignature.X, Value.BATCH, signature.xSize());
        Value condition =
                signature.conditional()
                        ? graph.input(
                                NetworkSignature.CONDITION, Value.BATCH, signature.conditionSize())
                        : null;
        Value xTangent =
                signature.tangent()
                        ? graph.input(NetworkSignature.X_TANGENT, Value.BATCH, signature.xSize())
                        : null;
        List<DualValue> inputs = new ArrayList<>();
        inputs.add(DualValue.constant(t));
        inputs.add(new DualValue(x, xTangent));
        if (condition != null) {
            inputs.add(DualValue.constant(condition));
        }
        return inputs;
    }

    private static void declareOutputs(
            OnnxGraphBuilder graph, NetworkSignature signature, List<DualValue> outputs) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(
                    "the network returns "
                            + outputs.size()
                            + " outputs; the batch contract has exactly one, h [N, D]");
        }
        DualValue h = outputs.get(0);
        if (h.primal().rank() != 2 || h.width() != signature.xSize()) {
            throw new IllegalArgumentException(
                    "the network returns shape "
                            + h.primal().shape()
                            + " but h must be [N, "
                            + signature.xSize()
                            + "] (x_size of the model card)");
        }
        graph.output(NetworkSignature.H, h.primal());
        if (signature.tangent()) {
            Value tangent = h.hasTangent() ? h.tangent() : graph.zerosLike(h.primal());
            graph.output(NetworkSignature.H_TANGENT, tangent);
        }
    }
}
