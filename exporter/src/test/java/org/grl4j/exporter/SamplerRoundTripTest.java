package org.grl4j.exporter;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.FlowModel;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxTangentNetwork;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.network.DjlBatchNetwork;
import org.grl4j.trainer.network.GaussianFourierTimeEncoder;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.network.TemporalSpatialResidualNet;
import org.grl4j.trainer.train.Trainer;
import org.grl4j.trainer.train.TrainingConfig;
import org.grl4j.trainer.train.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, export, sample: the sampler's {@link OnnxNetwork} on the exported file and the trainer's
 * {@link DjlBatchNetwork} on the trained weights give the same samples from the same noise with the
 * same solver (the sampler's Euler on the velocity, t from 0 to 1).
 */
class SamplerRoundTripTest {

    private static final int D = 2;
    private static final int ROWS = 50;
    private static final int STEPS = 20;

    @TempDir Path directory;

    @Test
    void trainedModelSampledThroughTheExportMatchesDjlSampling() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntrinsicModel model =
                    new IntrinsicModel(
                            D,
                            0,
                            new GaussianFourierTimeEncoder(8, 30.0, true),
                            null,
                            new TemporalSpatialResidualNet(List.of(16, 8), D, 8));
            Networks.initialize(model, manager, 11, model.inputShapes(1));
            new Trainer(
                            ConditionalFlowMatchingLoss.independent(
                                    model, new ConstantNoisePath(0.0)),
                            TrainingData.of(shiftedGaussians(64)),
                            TrainingConfig.simple(30, 32, 1e-2, 5))
                    .train();

            Path file = directory.resolve("icfm.onnx");
            ModelCard card =
                    ModelCard.of(
                            ModelKind.ICFM,
                            Parameterization.VELOCITY_FUNCTION,
                            new PathSpec(ConstantNoisePath.TYPE, Map.of("sigma", 0.0)),
                            TimeConvention.DATA_AT_ONE,
                            D,
                            0);
            new OnnxExporter()
                    .export(model, card, file, ExportOptions.defaults().withTangent(true));

            try (OnnxNetwork onnx = OnnxNetwork.load(file);
                    DjlBatchNetwork djl = new DjlBatchNetwork(model, manager)) {
                assertInstanceOf(OnnxTangentNetwork.class, onnx);
                double[] fromOnnx = euler(onnx);
                double[] fromDjl = euler(djl);
                double error = OrtTestRunner.relativeError(fromDjl, toFloats(fromOnnx));
                // 20 Euler steps compound ~1e-7 per evaluation: well under the parity bound.
                assertTrue(error <= ExportTolerances.PARITY, "sample error " + error);
            }
        }
    }

    /** The sampler's Euler from t = 0 to 1 on the sampler's seeded N(0, I) noise. */
    private static double[] euler(BatchNetwork network) {
        return Sampler.builder(new FlowModel(network))
                .solver(Solvers.euler(STEPS))
                .build()
                .sample(ROWS, 99L)
                .x();
    }

    private static double[][] shiftedGaussians(int n) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] rows = new double[n][D];
        for (double[] row : rows) {
            row[0] = 2 + 0.3 * gaussian(random);
            row[1] = -1 + 0.3 * gaussian(random);
        }
        return rows;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
