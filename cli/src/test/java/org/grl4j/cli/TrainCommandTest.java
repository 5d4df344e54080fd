package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grl4j.cli.training.Presets;
import org.grl4j.cli.training.RunRecord;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.param.Parameterization;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.trainer.train.Checkpoint;
import org.junit.jupiter.api.Test;

class TrainCommandTest {

    private static final List<String> GENERATIVE_RL_TUTORIALS =
            List.of(
                    "swiss_roll_diffusion",
                    "swiss_roll_diffusion_flow_matching",
                    "swiss_roll_dpmsolver",
                    "swiss_roll_icfm",
                    "swiss_roll_otcfm",
                    "swiss_roll_sf2m",
                    "swiss_roll_icfm_with_mask");

    @Test
    void trainingAConfigWritesCheckpointRecordLossCurveAndModel() throws IOException {
        Path run = TinyModels.diffusionRun();

        Checkpoint checkpoint = Checkpoint.read(run.resolve(Checkpoint.FILE_NAME));
        assertEquals(20, checkpoint.step());
        RunRecord record = RunRecord.read(run);
        assertEquals(20, record.steps());
        assertEquals(0, record.conditionSize());
        assertTrue(record.data().startsWith("swiss_roll (256 points"), record.data());
        List<String> loss = Files.readAllLines(run.resolve("loss.csv"));
        assertEquals("step,loss", loss.get(0));
        assertEquals(21, loss.size());
        assertTrue(Files.size(run.resolve("loss.png")) > 1000);

        // The normalization in the card is the fitted standardization of the 256 training points.
        PointSet data = Datasets.swissRoll(256, 0);
        try (OnnxModel model = OnnxModel.load(run.resolve("model.onnx"))) {
            ModelCard card = model.card();
            assertEquals(ModelKind.DIFFUSION, card.model());
            assertEquals(Parameterization.NOISE_FUNCTION, card.parameterization());
            assertEquals("linear_vp_sde", card.path().type());
            assertEquals(20.0, card.path().parameter("beta_1"));
            double mean = 0;
            for (double value : data.column(0)) {
                mean += value / data.size();
            }
            assertEquals(mean, card.normalization().mean()[0], 1e-12);
            assertTrue(card.config().contains("score_matching"), card.config());
            assertTrue(card.training().contains("\"steps\":20"), card.training());
        }
    }

    @Test
    void aFlowConfigTrainsOnACsvFile() {
        Path run = TinyModels.flowRun();
        try (OnnxModel model = OnnxModel.load(run.resolve("model.onnx"))) {
            assertEquals(ModelKind.OTCFM, model.card().model());
            assertEquals("constant_noise", model.card().path().type());
            assertEquals(0.1, model.card().path().parameter("sigma"));
        }
        assertTrue(RunRecord.read(run).data().contains("moons.csv (128 rows)"));
    }

    @Test
    void listPresetsNamesEveryGenerativeRlTutorial() {
        CliRun run = CliRun.of("train", "--list-presets");
        assertEquals(0, run.exitCode(), run.describe());
        for (String name : GENERATIVE_RL_TUTORIALS) {
            assertTrue(run.out().contains(name), name + " missing from\n" + run.out());
        }
        assertEquals(GENERATIVE_RL_TUTORIALS.size(), run.out().lines().count());
    }

    @Test
    void everyPresetIsAValidConfigurationWithGenerativeRlSettings() {
        assertEquals(
                GENERATIVE_RL_TUTORIALS, Presets.all().stream().map(Presets.Preset::name).toList());
        for (Presets.Preset preset : Presets.all()) {
            GenerativeConfig config = preset.config();
            assertEquals(2, config.xSize(), preset.name());
            assertEquals(4096, config.requireParameter().batchSize(), preset.name());
            assertEquals("swiss_roll", preset.dataset());
        }
        assertEquals(
                "sf2m", Presets.named("swiss_roll_sf2m").config().modelName(), "score + velocity");
        assertEquals("otcfm", Presets.named("swiss_roll_otcfm").config().modelName(), "model_type");
        assertEquals(5000, Presets.named("swiss_roll_diffusion").config().parameter().iterations());
        assertEquals("mask:0.5", Presets.named("swiss_roll_icfm_with_mask").condition());
    }

    @Test
    void theConditionalPresetTrainsWithAMaskedCopyAsCondition() {
        Path out = TinyModels.fresh("preset");
        CliRun run =
                CliRun.of(
                        "train",
                        "--preset",
                        "swiss_roll_icfm_with_mask",
                        "--iterations",
                        "2",
                        "--batch-size",
                        "16",
                        "--data-num",
                        "64",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().contains("trained 2 steps"), run.out());
        try (OnnxModel model = OnnxModel.load(out.resolve("model.onnx"))) {
            assertEquals(2, model.card().conditionSize());
            assertEquals(ModelKind.ICFM, model.card().model());
            assertTrue(model.card().training().contains("swiss_roll_icfm_with_mask"));
        }
    }

    @Test
    void aMaskedCopyHidesAboutTheRequestedShareOfCoordinates() {
        PointSet data = Datasets.swissRoll(2000, 1);
        PointSet masked = org.grl4j.cli.training.TrainingInputs.maskedCopy(data, 0.3, 9);
        int hidden = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < 2; j++) {
                if (masked.get(i, j) == 0) {
                    hidden++;
                } else {
                    assertEquals(data.get(i, j), masked.get(i, j));
                }
            }
        }
        // 4000 Bernoulli(0.3) draws: mean 1200, sd 29; +-150 is 5 sd (false failure < 1e-6).
        assertEquals(1200, hidden, 150);
    }

    @Test
    void resumingAFinishedRunKeepsItsWeights() throws IOException {
        Path run = TinyModels.diffusionRun();
        Path copy = TinyModels.fresh("resume");
        for (String name : List.of(Checkpoint.FILE_NAME, RunRecord.FILE_NAME)) {
            Files.copy(run.resolve(name), copy.resolve(name));
        }
        Path config = TinyModels.resource("tiny_diffusion.yaml", copy);
        CliRun more =
                CliRun.of(
                        "train",
                        "--config",
                        config.toString(),
                        "--dataset",
                        "swiss_roll",
                        "--iterations",
                        "25",
                        "--out",
                        copy.toString(),
                        "--resume",
                        "--quiet",
                        "--no-export");
        assertEquals(0, more.exitCode(), more.describe());
        assertEquals(25, Checkpoint.read(copy.resolve(Checkpoint.FILE_NAME)).step());
        // Only the five new steps were taken in this run.
        assertEquals(6, Files.readAllLines(copy.resolve("loss.csv")).size());
        assertFalse(Files.exists(copy.resolve("model.onnx")));
    }

    /**
     * eval_freq 8 over 20 steps evaluates after steps 8 and 16 and once more after the last one,
     * with values that change as the weights do, and leaves the training itself unchanged: the
     * losses equal those of the same run without eval_freq.
     */
    @Test
    void evalFreqWritesTheEvaluationLossAndLeavesTrainingAsItWas() throws IOException {
        Path plain = TinyModels.diffusionRun();
        Path dir = TinyModels.fresh("evalfreq");
        Path config = dir.resolve("eval.yaml");
        Files.writeString(
                config,
                Files.readString(TinyModels.resource("tiny_diffusion.yaml", dir))
                        .replace("batch_size: 64", "batch_size: 64\n  eval_freq: 8"));
        CliRun run =
                CliRun.of(
                        "train",
                        "--config",
                        config.toString(),
                        "--dataset",
                        "swiss_roll",
                        "--out",
                        dir.resolve("run").toString(),
                        "--quiet",
                        "--no-export");
        assertEquals(0, run.exitCode(), run.describe());

        List<String> evaluation = Files.readAllLines(dir.resolve("run").resolve("eval.csv"));
        assertEquals("step,evaluation_loss", evaluation.get(0));
        assertEquals(
                List.of("8", "16", "20"),
                evaluation.stream().skip(1).map(l -> l.split(",")[0]).toList());
        double[] values =
                evaluation.stream()
                        .skip(1)
                        .mapToDouble(l -> Double.parseDouble(l.split(",")[1]))
                        .toArray();
        for (double value : values) {
            assertTrue(value > 0 && value < 100, evaluation.toString());
        }
        assertNotEquals(values[0], values[2], "the weights moved between steps 8 and 20");
        assertEquals(
                Files.readAllLines(plain.resolve("loss.csv")),
                Files.readAllLines(dir.resolve("run").resolve("loss.csv")));
        assertFalse(Files.exists(plain.resolve("eval.csv")), "no eval_freq, no eval.csv");
    }

    @Test
    void anUnknownPresetIsAUsageErrorListingThePresets() {
        CliRun run = CliRun.of("train", "--preset", "swiss_roll_gan");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("swiss_roll_otcfm"), run.err());
    }

    @Test
    void aConfigWithAnUnknownKeyFailsInOneLineNamingTheKey() throws IOException {
        Path dir = TinyModels.fresh("badconfig");
        Path config = dir.resolve("bad.yaml");
        Files.writeString(
                config,
                Files.readString(TinyModels.resource("tiny_diffusion.yaml", dir))
                        .replace("batch_size: 64", "batch_size: 64\n  batchsize: 3"));
        CliRun run = CliRun.of("train", "--config", config.toString(), "--dataset", "swiss_roll");
        assertEquals(1, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("batchsize"), run.err());
    }

    @Test
    void aMaskProbabilityOutsideZeroToOneIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--preset",
                        "swiss_roll_icfm_with_mask",
                        "--condition",
                        "mask:1.5");
        assertEquals(2, run.exitCode(), run.describe());
        assertTrue(run.err().contains("[0, 1]"), run.err());
    }

    @Test
    void configAndPresetTogetherAreAUsageError() {
        CliRun run = CliRun.of("train", "--config", "a.yaml", "--preset", "swiss_roll_diffusion");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
    }

    @Test
    void aMissingDataFileIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--preset",
                        "swiss_roll_diffusion",
                        "--data",
                        "no/such.csv",
                        "--iterations",
                        "1");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of(
                        "grl4j train: data file (--data) no/such.csv does not exist; check the"
                                + " path (see 'grl4j train --help')"),
                run.errLines());
    }

    @Test
    void dataOfTheWrongWidthFailsNamingBothWidths() throws IOException {
        Path dir = TinyModels.fresh("wide");
        Path data = dir.resolve("wide.csv");
        Files.writeString(data, "1,2,3\n4,5,6\n7,8,9\n");
        CliRun run =
                CliRun.of(
                        "train",
                        "--config",
                        TinyModels.resource("tiny_diffusion.yaml", dir).toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        dir.resolve("run").toString());
        assertNotEquals(0, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("x_size is 2") && run.err().contains("3 columns"), run.err());
    }
}
