package org.grl4j.sampler;

import java.nio.file.Path;
import java.util.Map;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.network.BatchNetwork;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.model.FlowModel;
import org.grl4j.sampler.model.GenerativeModel;
import org.grl4j.sampler.onnx.OnnxNetwork;
import org.grl4j.sampler.onnx.OnnxNetworkOptions;

/**
 * A model file ready to sample: the ONNX network, its model card and the generative model the card
 * describes. This is the entry point for a service:
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load(Path.of("swiss_roll.onnx"))) {
 *     double[] samples = model.sample(1000, 42L); // [1000 * D], in data space
 * }
 * }</pre>
 *
 * <p>Samples come back in data space: the card's normalization (model = (data - mean) / scale) is
 * undone. {@link #sample(int, long)} uses {@link #DEFAULT_SOLVER}; pass a {@link Sampler} built
 * from {@link #samplerBuilder()} to choose another. Thread-safe: one instance may serve many
 * threads; close it once when done.
 */
public final class OnnxModel implements AutoCloseable {

    /**
     * Euler with 32 steps: the fixed-step sampler of GenerativeRL's deployed policies (a 32-point
     * grid). Raise the steps or use RK4 or Dormand-Prince where accuracy matters more than latency.
     */
    public static final String DEFAULT_SOLVER = "euler(32)";

    private final OnnxNetwork network;
    private final GenerativeModel model;
    private final Sampler defaultSampler;

    private OnnxModel(OnnxNetwork network) {
        this.network = network;
        this.model = modelFor(network.card(), network);
        this.defaultSampler = Sampler.builder(model).solver(Solvers.euler(32)).build();
    }

    /** Loads a grl4j model file on the CPU. */
    public static OnnxModel load(Path file) {
        return load(file, OnnxNetworkOptions.cpu());
    }

    /** Loads a grl4j model file (or a foreign one with its sidecar) with the given options. */
    public static OnnxModel load(Path file, OnnxNetworkOptions options) {
        OnnxNetwork network = OnnxNetwork.load(file, options);
        try {
            return new OnnxModel(network);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * The generative model a card describes, over {@code network}: a diffusion model for {@code
     * diffusion}, a velocity flow from t = 0 (source) to 1 (data) for {@code icfm}, {@code otcfm}
     * and {@code sf2m} (the probability-flow ODE of the bridge; its SDE needs the score network as
     * well, see {@link org.grl4j.sampler.model.BridgeModel}).
     */
    public static GenerativeModel modelFor(ModelCard card, BatchNetwork network) {
        return switch (card.model()) {
            case DIFFUSION ->
                    new DiffusionModel(gaussianPath(card.path()), card.parameterization(), network);
            case ICFM, OTCFM, SF2M -> new FlowModel(network);
        };
    }

    /** The Gaussian path a card's path block names. */
    public static GaussianPath gaussianPath(PathSpec spec) {
        return switch (spec.type()) {
            case LinearVpPath.TYPE ->
                    new LinearVpPath(spec.parameter("beta_0"), spec.parameter("beta_1"));
            case GvpPath.TYPE -> new GvpPath();
            case LinearPath.TYPE -> new LinearPath();
            default ->
                    throw new IllegalArgumentException(
                            "the model's path type is '"
                                    + spec.type()
                                    + "' but a diffusion model needs one of linear_vp_sde, gvp,"
                                    + " linear; check grl4j.path in the model metadata");
        };
    }

    /** The model card read from the file. */
    public ModelCard card() {
        return network.card();
    }

    /** The generative model, in the normalized space the network was trained in. */
    public GenerativeModel model() {
        return model;
    }

    /** The ONNX network, for callers that drive solvers themselves. */
    public OnnxNetwork network() {
        return network;
    }

    /** A builder for a sampler over this model with a solver of your choice. */
    public Sampler.Builder samplerBuilder() {
        return Sampler.builder(model);
    }

    /** {@code n} samples in data space, {@code [n * D]}, with {@link #DEFAULT_SOLVER}. */
    public double[] sample(int n, long seed) {
        return toDataSpace(defaultSampler.sample(n, seed)).x();
    }

    /** {@code k} samples per condition row (sample j of condition i is row i k + j). */
    public double[] sample(double[] conditions, int samplesPerCondition, long seed) {
        return toDataSpace(defaultSampler.sample(conditions, samplesPerCondition, seed)).x();
    }

    /** Maps samples of {@link #model()} from the normalized space back to data space. */
    public Samples toDataSpace(Samples samples) {
        double[] x = samples.x().clone();
        network.card().normalization().denormalizeInPlace(x);
        return new Samples(
                x, samples.rows(), samples.xSize(), samples.evaluations(), samples.wallNanos());
    }

    /** Card fields for logs and summaries. */
    public Map<String, String> describe() {
        return network.card().toMetadata();
    }

    @Override
    public void close() {
        network.close();
    }
}
