package org.grl4j.cli.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.grl4j.exporter.ExportOptions;
import org.grl4j.exporter.OnnxExporter;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.Quantization;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;

/**
 * The benchmark's network: GenerativeRL's standard diffusion network, a Gaussian Fourier time
 * encoder (32 features, scale 30) and a TemporalSpatialResidualNet with hidden sizes [512, 256,
 * 128] on D = 2 (1 429 714 parameters), as a noise-predicting model on linear_vp_sde(0.1, 20), t =
 * 0 data.
 *
 * <p>The DJL block and the ONNX file hold the same random weights (seeded), so both engines run the
 * same arithmetic. One evaluation costs 2 FLOP per weight of every Linear layer per row (a multiply
 * and an add); biases, activations and the time encoder are left out of the count, which gives 2.85
 * MFLOP per row for the standard shape.
 *
 * @param model the initialized DJL network, owned by {@code manager}
 * @param card the model card exported with it
 * @param manager the DJL manager that holds the weights; close it when done
 */
record StandardNetwork(IntrinsicModel model, ModelCard card, NDManager manager)
        implements AutoCloseable {

    /** The hidden sizes of GenerativeRL's standard backbone. */
    static final List<Integer> STANDARD_HIDDEN = List.of(512, 256, 128);

    /** D of the swiss-roll tutorials. */
    static final int X_SIZE = 2;

    /** The time-embedding width of every GenerativeRL config. */
    static final int T_DIM = 32;

    /** The parameter count of the standard shape (reference/benchmarks.md). */
    static final long STANDARD_PARAMETERS = 1_429_714;

    /** The path the model is declared on. */
    static final GaussianPath PATH = new LinearVpPath(0.1, 20.0);

    /** Builds the network with the given hidden sizes and weights drawn from {@code seed}. */
    static StandardNetwork create(List<Integer> hiddenSizes, long seed) {
        NDManager manager = NDManager.newBaseManager();
        try {
            IntrinsicModel model =
                    new IntrinsicModel(
                            X_SIZE,
                            0,
                            new GaussianFourierTimeEncoder(
                                    T_DIM, GaussianFourierTimeEncoder.DEFAULT_SCALE, false),
                            null,
                            new TemporalSpatialResidualNet(hiddenSizes, X_SIZE, T_DIM));
            Networks.initialize(model, manager, seed, model.inputShapes(1));
            ModelCard card =
                    ModelCard.of(
                            ModelKind.DIFFUSION,
                            Parameterization.NOISE_FUNCTION,
                            new PathSpec(LinearVpPath.TYPE, Map.of("beta_0", 0.1, "beta_1", 20.0)),
                            TimeConvention.DATA_AT_ZERO,
                            X_SIZE,
                            0);
            return new StandardNetwork(model, card, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Whether this is the shape of reference/benchmarks.md, so its PyTorch figures compare. */
    boolean isStandardShape() {
        return parameterCount() == STANDARD_PARAMETERS;
    }

    long parameterCount() {
        return Networks.parameterCount(model);
    }

    /** FLOP per row per evaluation: 2 per Linear weight. */
    double flopPerRow() {
        long weights = 0;
        for (Pair<String, Parameter> parameter : model.getParameters()) {
            String name = parameter.getKey();
            boolean linearWeight =
                    name.endsWith("weight")
                            && parameter.getValue().getArray().getShape().dimension() == 2;
            if (linearWeight) {
                weights += parameter.getValue().getArray().size();
            }
        }
        return 2.0 * weights;
    }

    /** Writes the ONNX file of this network to {@code target}, parity-checked against DJL. */
    Path export(Path target) {
        new OnnxExporter().export(model, card, target, ExportOptions.defaults());
        return target;
    }

    /**
     * Writes the int8 file of this network ({@link Quantization#INT8_DYNAMIC}) to {@code target},
     * parity-checked against DJL with the int8 tolerance.
     *
     * @throws IllegalArgumentException if no layer is large enough to quantize
     */
    Path exportInt8(Path target) {
        new OnnxExporter()
                .export(
                        model,
                        card,
                        target,
                        ExportOptions.defaults().withQuantization(Quantization.INT8_DYNAMIC));
        return target;
    }

    /** A short description for the table header. */
    String describe() {
        TemporalSpatialResidualNet backbone = (TemporalSpatialResidualNet) model.backbone();
        return String.format(
                "Fourier %d + TemporalSpatialResidualNet %s, D = %d: %,d parameters, %.3f MFLOP"
                        + " per sample per evaluation",
                T_DIM, backbone.hiddenSizes(), X_SIZE, parameterCount(), flopPerRow() / 1e6);
    }

    @Override
    public void close() {
        manager.close();
    }
}
