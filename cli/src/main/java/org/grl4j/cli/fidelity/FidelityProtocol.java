package org.grl4j.cli.fidelity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;

/**
 * How one fidelity run trains and measures, after Tong et al. (2024): an MLP on [t, x] with the
 * given hidden widths and SELU, AdamW at a constant rate, {@code steps} minibatches of {@code
 * batchSize} drawn from {@code trainPoints} rows, then {@code eulerSteps} Euler (or Euler-Maruyama)
 * steps from t = 0 to 1 on {@code testPoints} source points, and exact W2 against {@code
 * testPoints} fresh target points. W2 is also measured on the first {@code smallTestPoints} rows of
 * both sets (the torchcfm runner's test split has 1000 points).
 *
 * @param hiddenWidths the hidden layer widths, e.g. [64, 64, 64]
 * @param learningRate AdamW's rate, positive
 * @param weightDecay AdamW's decoupled weight decay, at least 0
 * @param batchSize rows per step, positive
 * @param steps optimizer steps, positive (1000 epochs of 10 000 rows at 512 is about 20 000)
 * @param trainPoints training rows per distribution, at least the batch size
 * @param testPoints test rows and samples for W2, positive
 * @param smallTestPoints rows for the second, smaller W2, in [1, testPoints]
 * @param sigma the constant noise of I-CFM and OT-CFM, at least 0
 * @param bridgeSigma the Brownian-bridge noise of SF2M, positive
 * @param eulerSteps solver steps, positive
 * @param otPairs how OT-CFM and SF2M pair a minibatch: {@value #PERMUTATION} (the exact plan's
 *     permutation, the default when absent) or {@value #SAMPLED} (B pairs drawn from the plan with
 *     replacement, as the torchcfm runner's plan sampler does)
 */
public record FidelityProtocol(
        List<Integer> hiddenWidths,
        double learningRate,
        double weightDecay,
        int batchSize,
        long steps,
        int trainPoints,
        int testPoints,
        int smallTestPoints,
        double sigma,
        double bridgeSigma,
        int eulerSteps,
        String otPairs) {

    /** {@link #otPairs()}: the exact plan's permutation. */
    public static final String PERMUTATION = "permutation";

    /** {@link #otPairs()}: B pairs drawn from the exact plan with replacement. */
    public static final String SAMPLED = "sampled";

    /** The preset directory on the class path. */
    public static final String PRESET_DIRECTORY = "/presets/fidelity/";

    /** Validates every field, naming the bad one and what is allowed. */
    public FidelityProtocol {
        if (hiddenWidths == null || hiddenWidths.isEmpty()) {
            throw new IllegalArgumentException(
                    "fidelity hiddenWidths must list at least one width, e.g. [64, 64, 64], got "
                            + hiddenWidths);
        }
        hiddenWidths.forEach(w -> require(w > 0, "hiddenWidths entry", w, "positive"));
        hiddenWidths = List.copyOf(hiddenWidths);
        require(learningRate > 0, "learningRate", learningRate, "positive, e.g. 1e-3");
        require(weightDecay >= 0, "weightDecay", weightDecay, "at least 0, e.g. 1e-5");
        require(batchSize > 0, "batchSize", batchSize, "positive, e.g. 512");
        require(steps > 0, "steps", steps, "positive, e.g. 20000");
        require(
                trainPoints >= batchSize,
                "trainPoints",
                trainPoints,
                "at least batchSize (" + batchSize + ")");
        require(testPoints > 0, "testPoints", testPoints, "positive, e.g. 10000");
        require(
                smallTestPoints > 0 && smallTestPoints <= testPoints,
                "smallTestPoints",
                smallTestPoints,
                "in [1, testPoints = " + testPoints + "]");
        require(sigma >= 0, "sigma", sigma, "at least 0, e.g. 0.1");
        require(bridgeSigma > 0, "bridgeSigma", bridgeSigma, "positive, e.g. 0.1");
        require(eulerSteps > 0, "eulerSteps", eulerSteps, "positive, e.g. 100");
        otPairs = otPairs == null ? PERMUTATION : otPairs;
        require(
                otPairs.equals(PERMUTATION) || otPairs.equals(SAMPLED),
                "otPairs",
                otPairs,
                PERMUTATION + " or " + SAMPLED);
    }

    /** The pairing of OT-CFM and SF2M minibatches that {@link #otPairs()} names. */
    public ConditionalFlowMatchingLoss.Coupling coupling() {
        return otPairs.equals(SAMPLED)
                ? ConditionalFlowMatchingLoss.Coupling.OPTIMAL_TRANSPORT_SAMPLED
                : ConditionalFlowMatchingLoss.Coupling.OPTIMAL_TRANSPORT;
    }

    private static void require(boolean ok, String name, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "fidelity protocol " + name + " must be " + allowed + ", got " + value);
        }
    }

    /**
     * The preset named {@code name} under {@value #PRESET_DIRECTORY} ({@code paper}, {@code
     * quick}), or a JSON file at that path.
     */
    public static FidelityProtocol load(String name) {
        ObjectMapper mapper =
                new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Path file = Path.of(name);
            if (Files.isRegularFile(file)) {
                return mapper.readValue(file.toFile(), FidelityProtocol.class);
            }
            try (InputStream in =
                    FidelityProtocol.class.getResourceAsStream(PRESET_DIRECTORY + name + ".json")) {
                if (in == null) {
                    throw new IllegalArgumentException(
                            "no fidelity preset '"
                                    + name
                                    + "': it is neither a file nor one of the built-in presets"
                                    + " paper, quick; pass one of those or a JSON file path");
                }
                return mapper.readValue(in, FidelityProtocol.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fidelity preset " + name, e);
        }
    }

    /** This protocol with another number of steps. */
    public FidelityProtocol withSteps(long newSteps) {
        return copy(batchSize, newSteps, trainPoints, testPoints, smallTestPoints, otPairs);
    }

    /**
     * This protocol with other point counts; the small W2 keeps its size unless that exceeds the
     * new test size.
     */
    public FidelityProtocol withPoints(int newTrainPoints, int newTestPoints) {
        return copy(
                Math.min(batchSize, newTrainPoints),
                steps,
                newTrainPoints,
                newTestPoints,
                Math.min(smallTestPoints, newTestPoints),
                otPairs);
    }

    /** This protocol with another OT pairing ({@value #PERMUTATION} or {@value #SAMPLED}). */
    public FidelityProtocol withOtPairs(String newOtPairs) {
        return copy(batchSize, steps, trainPoints, testPoints, smallTestPoints, newOtPairs);
    }

    /** This protocol with the fields the {@code with} methods change replaced. */
    private FidelityProtocol copy(
            int newBatchSize,
            long newSteps,
            int newTrainPoints,
            int newTestPoints,
            int newSmallTestPoints,
            String newOtPairs) {
        return new FidelityProtocol(
                hiddenWidths,
                learningRate,
                weightDecay,
                newBatchSize,
                newSteps,
                newTrainPoints,
                newTestPoints,
                newSmallTestPoints,
                sigma,
                bridgeSigma,
                eulerSteps,
                newOtPairs);
    }
}
