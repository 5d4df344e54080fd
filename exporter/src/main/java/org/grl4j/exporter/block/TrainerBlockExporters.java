package org.grl4j.exporter.block;

import java.util.ArrayList;
import java.util.List;
import org.grl4j.exporter.onnx.Activation;
import org.grl4j.exporter.onnx.DualValue;
import org.grl4j.exporter.onnx.TangentGraph;
import org.grl4j.exporter.onnx.Value;
import org.grl4j.trainer.network.ConcatenateMlp;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.MultiLayerPerceptron;
import org.grl4j.trainer.network.TemporalSpatialResBlock;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;

/**
 * Exporters for the trainer's network blocks; each rebuilds the formula in the block's javadoc from
 * ONNX operators, with the same parameter values and the same order of concatenation.
 *
 * <ul>
 *   <li>{@link GaussianFourierTimeEncoder}: p = t W (t {@code [N, 1]}, W {@code [K]}), output [sin
 *       p, cos p]; no tangent (time).
 *   <li>{@link TemporalSpatialResBlock}: a(dense1 x) + time(a(e)), then a(dense2 ·), plus skip(x)
 *       or x.
 *   <li>{@link TemporalSpatialResidualNet}: condition encoder, {@code sort_t}, down, middle and up
 *       blocks with their concatenations [u, d], and the last Linear.
 *   <li>{@link MultiLayerPerceptron}, {@link ConcatenateMlp} and {@link IntrinsicModel}, the latter
 *       exporting its time encoder, condition encoder and backbone through the registry, so any
 *       exportable backbone works.
 * </ul>
 */
final class TrainerBlockExporters {

    private TrainerBlockExporters() {}

    static void registerAll(BlockExporterRegistry registry) {
        registry.register(GaussianFourierTimeEncoder.class, TrainerBlockExporters::fourier);
        registry.register(TemporalSpatialResBlock.class, TrainerBlockExporters::resBlock);
        registry.register(TemporalSpatialResidualNet.class, TrainerBlockExporters::residualNet);
        registry.register(MultiLayerPerceptron.class, TrainerBlockExporters::mlp);
        registry.register(ConcatenateMlp.class, TrainerBlockExporters::concatenateMlp);
        registry.register(IntrinsicModel.class, TrainerBlockExporters::intrinsicModel);
    }

    /** The ONNX form of a trainer activation (both enums state the same formulas). */
    static Activation activation(org.grl4j.trainer.network.Activation activation) {
        return switch (activation) {
            case SILU -> Activation.SILU;
            case MISH -> Activation.MISH;
            case RELU -> Activation.RELU;
            case SELU -> Activation.SELU;
            case TANH -> Activation.TANH;
            case ELU -> Activation.ELU;
            case SOFTPLUS -> Activation.SOFTPLUS;
            case GELU -> Activation.GELU;
            case SIGMOID -> Activation.SIGMOID;
            case SQUARE -> Activation.SQUARE;
            case IDENTITY -> Activation.IDENTITY;
        };
    }

    static List<DualValue> fourier(
            GaussianFourierTimeEncoder block, List<DualValue> inputs, ExportContext context) {
        DualValue t = DjlBlockExporters.single(inputs, context, "GaussianFourierTimeEncoder");
        if (t.hasTangent() || t.primal().rank() != 1) {
            throw new IllegalArgumentException(
                    "GaussianFourierTimeEncoder at "
                            + context.location(null)
                            + " takes the time t [N] (no tangent), got "
                            + t.primal().shape());
        }
        var g = context.graph();
        Value w = context.parameter(block.frequencies(), "W", block.embedDim() / 2);
        Value projection = g.mul(g.unsqueeze(t.primal(), 1), w);
        return List.of(DualValue.constant(g.concat(1, g.sin(projection), g.cos(projection))));
    }

    static List<DualValue> resBlock(
            TemporalSpatialResBlock block, List<DualValue> inputs, ExportContext context) {
        requireInputs(inputs, 2, context, "TemporalSpatialResBlock (e, x)");
        DualValue e = inputs.get(0);
        DualValue x = inputs.get(1);
        TangentGraph tg = context.tangents();
        Activation a = activation(block.activation());

        DualValue fromX = tg.activation(context.linear(block.dense1(), "dense1", x), a);
        DualValue fromTime = context.linear(block.time(), "time_mlp", tg.activation(e, a));
        DualValue h1 = tg.add(fromX, fromTime);
        DualValue h2 = tg.activation(context.linear(block.dense2(), "dense2", h1), a);

        DualValue residual =
                block.skip().isPresent() ? context.linear(block.skip().get(), "modify_x", x) : x;
        return List.of(tg.add(h2, residual));
    }

    static List<DualValue> residualNet(
            TemporalSpatialResidualNet net, List<DualValue> inputs, ExportContext context) {
        boolean conditional = net.conditionEncoder().isPresent();
        requireInputs(
                inputs,
                conditional ? 3 : 2,
                context,
                conditional
                        ? "TemporalSpatialResidualNet (tEmbedding, x, condition)"
                        : "TemporalSpatialResidualNet (tEmbedding, x)");
        TangentGraph tg = context.tangents();
        DualValue timeCondition = inputs.get(0);
        DualValue x = inputs.get(1);
        if (conditional) {
            DualValue encoded =
                    tg.activation(
                            context.linear(
                                    net.conditionEncoder().get(),
                                    "pre_sort_condition",
                                    inputs.get(2)),
                            Activation.SILU);
            timeCondition = tg.concat(1, timeCondition, encoded);
        }
        DualValue e =
                context.linear(
                        net.sortT2(),
                        "sort_t.2",
                        tg.activation(
                                context.linear(net.sortT1(), "sort_t.0", timeCondition),
                                Activation.SILU));

        List<DualValue> down = new ArrayList<>();
        down.add(context.exportSingle(net.firstBlock(), "first_block", e, x));
        for (int i = 0; i < net.downBlocks().size(); i++) {
            DualValue previous = down.get(down.size() - 1);
            down.add(context.exportSingle(net.downBlocks().get(i), "down_block." + i, e, previous));
        }
        DualValue u =
                context.exportSingle(
                        net.middleBlock(), "middle_block", e, down.get(down.size() - 1));
        for (int k = 0; k < net.upBlocks().size(); k++) {
            DualValue skip = down.get(down.size() - 1 - k);
            u =
                    context.exportSingle(
                            net.upBlocks().get(k), "up_block." + k, e, tg.concat(1, u, skip));
        }
        return List.of(
                context.linear(net.lastLinear(), "last_block", tg.concat(1, u, down.get(0))));
    }

    static List<DualValue> mlp(
            MultiLayerPerceptron mlp, List<DualValue> inputs, ExportContext context) {
        DualValue z = DjlBlockExporters.single(inputs, context, "MultiLayerPerceptron");
        TangentGraph tg = context.tangents();
        for (int i = 0; i < mlp.activations().size(); i++) {
            DualValue linear = context.linear(mlp.layers().get(i), "linear" + i, z);
            z = tg.activation(linear, activation(mlp.activations().get(i)));
        }
        int last = mlp.layers().size() - 1;
        z = context.linear(mlp.layers().get(last), "linear" + last, z);
        if (mlp.finalActivation().isPresent()) {
            z = tg.activation(z, activation(mlp.finalActivation().get()));
        }
        if (mlp.scale() != 1.0) {
            z = tg.scale(z, (float) mlp.scale());
        }
        return List.of(z);
    }

    static List<DualValue> concatenateMlp(
            ConcatenateMlp block, List<DualValue> inputs, ExportContext context) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "ConcatenateMlp at " + context.location(null) + " was given no inputs");
        }
        DualValue[] columns = new DualValue[inputs.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = asMatrix(inputs.get(i), context);
        }
        DualValue joined = columns.length == 1 ? columns[0] : context.tangents().concat(1, columns);
        return List.of(context.exportSingle(block.mlp(), "model", joined));
    }

    static List<DualValue> intrinsicModel(
            IntrinsicModel model, List<DualValue> inputs, ExportContext context) {
        boolean conditional = model.conditionSize() > 0;
        requireInputs(
                inputs,
                conditional ? 3 : 2,
                context,
                conditional ? "IntrinsicModel (t, x, condition)" : "IntrinsicModel (t, x)");
        DualValue t = inputs.get(0);
        DualValue embedding =
                model.timeEncoder().isPresent()
                        ? context.exportSingle(model.timeEncoder().get(), "t_encoder", t)
                        : asMatrix(t, context);
        List<DualValue> backboneInputs = new ArrayList<>(List.of(embedding, inputs.get(1)));
        if (conditional) {
            DualValue condition = inputs.get(2);
            if (model.conditionEncoder().isPresent()) {
                condition =
                        context.exportSingle(
                                model.conditionEncoder().get(), "condition_encoder", condition);
            }
            backboneInputs.add(condition);
        }
        return context.export(model.backbone(), "backbone", backboneInputs);
    }

    /** A 1-D value [N] as one column [N, 1], as the trainer's blocks reshape it. */
    private static DualValue asMatrix(DualValue v, ExportContext context) {
        if (v.primal().rank() != 1) {
            return v;
        }
        var g = context.graph();
        Value tangent = v.hasTangent() ? g.unsqueeze(v.tangent(), 1) : null;
        return new DualValue(g.unsqueeze(v.primal(), 1), tangent);
    }

    private static void requireInputs(
            List<DualValue> inputs, int count, ExportContext context, String signature) {
        if (inputs.size() != count) {
            throw new IllegalArgumentException(
                    signature
                            + " at "
                            + context.location(null)
                            + " takes "
                            + count
                            + " inputs but was given "
                            + inputs.size());
        }
    }
}
