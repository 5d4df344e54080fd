package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.dpm.DpmModel;
import org.grl4j.sampler.dpm.DpmSolver;
import org.grl4j.sampler.dpm.DpmSolverConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleCommandTest {

    private static PointSet sample(String... extra) {
        Path out = TinyModels.fresh("sample").resolve("samples.npy");
        String[] args = new String[extra.length + 4];
        args[0] = "sample";
        args[1] = TinyModels.diffusionModel().toString();
        args[2] = "-o";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.describe());
        return PointFiles.read(out);
    }

    @Test
    void theDefaultSamplingIsTheLibrarysDefaultSampling() {
        PointSet cli = sample("-n", "50", "--seed", "7");
        try (OnnxModel model = OnnxModel.load(TinyModels.diffusionModel())) {
            assertArrayEquals(model.sample(50, 7), cli.toArray(), 0.0);
        }
    }

    @Test
    void csvAndNpyHoldTheSameSamples() {
        Path dir = TinyModels.fresh("formats");
        for (String name : List.of("s.csv", "s.npy")) {
            CliRun run =
                    CliRun.of(
                            "sample",
                            TinyModels.diffusionModel().toString(),
                            "-n",
                            "20",
                            "-o",
                            dir.resolve(name).toString());
            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.out().startsWith("wrote 20 samples of dimension 2"), run.out());
        }
        assertEquals(PointFiles.read(dir.resolve("s.csv")), PointFiles.read(dir.resolve("s.npy")));
    }

    @Test
    void rk4MatchesTheLibrarySamplerWithTheSameSteps() {
        PointSet cli = sample("-n", "30", "--solver", "rk4", "--steps", "5", "--seed", "2");
        try (OnnxModel model = OnnxModel.load(TinyModels.diffusionModel())) {
            double[] expected =
                    model.toDataSpace(
                                    model.samplerBuilder()
                                            .solver(Solvers.rk4(5))
                                            .build()
                                            .sample(30, 2))
                            .x();
            assertArrayEquals(expected, cli.toArray(), 0.0);
        }
    }

    @Test
    void dpmSolverPlusPlusMatchesTheLibrarySolver() {
        PointSet cli =
                sample("-n", "30", "--solver", "dpm-solver++", "--steps", "6", "--seed", "4");
        try (OnnxModel model = OnnxModel.load(TinyModels.diffusionModel())) {
            var path = OnnxModel.gaussianPath(model.card().path());
            double[] expected =
                    new DpmSolver(DpmSolverConfig.defaults(path).withSteps(6).withSeed(4))
                            .sample(
                                    new DpmModel(
                                            path, model.card().parameterization(), model.network()),
                                    30,
                                    null)
                            .samples();
            model.card().normalization().denormalizeInPlace(expected);
            assertArrayEquals(expected, cli.toArray(), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--solver=dopri5 --rtol=1e-3 --atol=1e-3",
                "--solver=dop853",
                "--solver=euler-maruyama --steps=20 --eta=0.5",
                "--solver=dpm-solver --order=3 --steps=9"
            })
    void everySolverGivesFiniteSamplesOfTheRightShape(String flags) {
        String[] extra = (flags + " -n 40").split(" ");
        PointSet samples = sample(extra);
        assertEquals(40, samples.size());
        assertEquals(2, samples.dimension());
        assertTrue(Arrays.stream(samples.toArray()).allMatch(Double::isFinite), flags);
    }

    @Test
    void theSameSeedRepeatsAndAnotherSeedDiffers() {
        PointSet first = sample("-n", "10", "--seed", "11", "--solver", "euler-maruyama");
        PointSet again = sample("-n", "10", "--seed", "11", "--solver", "euler-maruyama");
        PointSet other = sample("-n", "10", "--seed", "12", "--solver", "euler-maruyama");
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void conditionalSamplesComeKPerConditionRow() throws IOException {
        Path dir = TinyModels.fresh("conditional");
        CliRun train =
                CliRun.of(
                        "train",
                        "--preset",
                        "swiss_roll_icfm_with_mask",
                        "--iterations",
                        "1",
                        "--batch-size",
                        "8",
                        "--data-num",
                        "16",
                        "--out",
                        dir.toString(),
                        "--quiet");
        assertEquals(0, train.exitCode(), train.describe());
        Path conditions = dir.resolve("conditions.csv");
        Files.writeString(conditions, "0,1\n2,0\n0,0\n");
        Path out = dir.resolve("s.csv");
        CliRun run =
                CliRun.of(
                        "sample",
                        dir.resolve("model.onnx").toString(),
                        "--condition",
                        conditions.toString(),
                        "--per-condition",
                        "4",
                        "-o",
                        out.toString());
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(12, PointFiles.read(out).size());

        CliRun dpm =
                CliRun.of(
                        "sample",
                        dir.resolve("model.onnx").toString(),
                        "--condition",
                        conditions.toString(),
                        "--solver",
                        "dpm-solver++",
                        "-o",
                        out.toString());
        assertEquals(2, dpm.exitCode());
        assertEquals(
                List.of(
                        "grl4j sample: dpm-solver++ needs a diffusion model but the model is"
                                + " icfm; use euler, rk4, dopri5 or dop853 (see 'grl4j sample"
                                + " --help')"),
                dpm.errLines());

        CliRun missing =
                CliRun.of("sample", dir.resolve("model.onnx").toString(), "-o", out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("--condition"), missing.err());
    }

    @Test
    void flagsTheSolverDoesNotUseAreUsageErrors() {
        String model = TinyModels.diffusionModel().toString();
        for (String[] flags :
                List.of(
                        new String[] {"--eta", "1"},
                        new String[] {"--solver", "dopri5", "--steps", "10"},
                        new String[] {"--rtol", "1e-3"},
                        new String[] {"--order", "2"},
                        new String[] {"--solver", "dpm-solver", "--order", "4"})) {
            String[] args = new String[flags.length + 4];
            args[0] = "sample";
            args[1] = model;
            args[2] = "-o";
            args[3] = "target/never.csv";
            System.arraycopy(flags, 0, args, 4, flags.length);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exitCode(), Arrays.toString(flags) + run.describe());
            assertEquals(1, run.errLines().size(), run.err());
        }
        assertFalse(Files.exists(Path.of("target/never.csv")));
    }

    @Test
    void anUnknownSolverIsAUsageErrorListingTheSolvers() {
        CliRun run =
                CliRun.of(
                        "sample",
                        TinyModels.diffusionModel().toString(),
                        "--solver",
                        "heun",
                        "-o",
                        "x.csv");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("dpm-solver++"), run.err());
    }

    @Test
    void aMissingModelIsAUsageErrorAndAFileThatIsNotAModelAFailure() throws IOException {
        CliRun missing = CliRun.of("sample", "no/model.onnx", "-o", "x.csv");
        assertEquals(2, missing.exitCode());
        assertEquals(
                List.of(
                        "grl4j sample: model file no/model.onnx does not exist; check the path"
                                + " (see 'grl4j sample --help')"),
                missing.errLines());

        Path garbage = TinyModels.fresh("garbage").resolve("garbage.onnx");
        Files.writeString(garbage, "this is not a protobuf");
        CliRun bad = CliRun.of("sample", garbage.toString(), "-o", "x.csv");
        assertEquals(1, bad.exitCode(), bad.describe());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("garbage.onnx"), bad.err());
    }

    @Test
    void anOutputWithoutCsvOrNpyExtensionIsAUsageError() {
        CliRun run =
                CliRun.of("sample", TinyModels.diffusionModel().toString(), "-o", "samples.txt");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(".csv or .npy"), run.err());
    }
}
