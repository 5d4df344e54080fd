package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grl4j.models.data.PointFiles;
import org.grl4j.sampler.OnnxModel;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example, compiled and run. The lines between the markers in {@link
 * #readmeSnippet} are the README's snippet, character for character; the second test holds the
 * README to them once it shows the snippet.
 */
class ReadmeSnippetTest {

    private static final Path SOURCE =
            Path.of("src/test/java/org/grl4j/cli/ReadmeSnippetTest.java");
    private static final Path README = Path.of("../README.md");

    /** Runs the README snippet on {@code modelFile} and returns what it sampled. */
    static double[] readmeSnippet(Path modelFile) {
        double[] xy;
        // README snippet begins
        try (OnnxModel model = OnnxModel.load(modelFile)) {
            xy = model.sample(1000, 42L); // 1000 rows of (x, y), row-major, in data space
        }
        // README snippet ends
        return xy;
    }

    @Test
    void theReadmeSnippetSamplesWhatTheSampleCommandSamples() {
        Path model = TinyModels.diffusionModel();
        double[] xy = readmeSnippet(model);
        assertEquals(2000, xy.length);

        Path out = TinyModels.fresh("readme").resolve("samples.npy");
        CliRun run =
                CliRun.of(
                        "sample",
                        model.toString(),
                        "-n",
                        "1000",
                        "--seed",
                        "42",
                        "-o",
                        out.toString());
        assertEquals(0, run.exitCode(), run.describe());
        assertArrayEquals(PointFiles.read(out).toArray(), xy, 0.0);
    }

    @Test
    void theReadmeShowsTheSnippetAsTested() throws IOException {
        assumeTrue(
                Files.exists(README) && Files.readString(README).contains("OnnxModel.load("),
                "the README has no OnnxModel snippet yet");
        String readme = Files.readString(README);
        for (String line : snippetLines()) {
            assertTrue(readme.contains(line.strip()), "README lacks the snippet line: " + line);
        }
    }

    /** The snippet's lines as they stand in this file. */
    static List<String> snippetLines() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int begin = lines.indexOf("        // README snippet begins");
        int end = lines.indexOf("        // README snippet ends");
        assertTrue(begin >= 0 && end > begin, "markers not found in " + SOURCE);
        return lines.subList(begin + 1, end);
    }
}
