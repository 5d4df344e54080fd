package org.grl4j.cli.training;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.grl4j.models.card.ModelCard;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.card.PathSpec;
import org.grl4j.models.card.TimeConvention;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.DiffusionModelConfig;
import org.grl4j.models.config.DiffusionPathConfig;
import org.grl4j.models.config.FlowModelConfig;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.config.ModelConfig;
import org.grl4j.models.config.TrainingLossType;
import org.grl4j.models.config.TrainingParameters;
import org.grl4j.models.config.WeightingScheme;
import org.grl4j.models.data.Normalization;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.BrownianBridgePath;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.trainer.loss.ConditionalFlowMatchingLoss;
import org.grl4j.trainer.loss.FlowMatchingLoss;
import org.grl4j.trainer.loss.ScoreMatchingLoss;
import org.grl4j.trainer.loss.TimeSampling;
import org.grl4j.trainer.loss.TrainingObjective;
import org.grl4j.trainer.network.IntrinsicModel;
import org.grl4j.trainer.network.NetworkRegistry;
import org.grl4j.trainer.network.Networks;
import org.grl4j.trainer.train.Checkpoint;

/**
 * The trainer's objects for one configuration: the networks by role, built through {@link
 * NetworkRegistry#global()} and initialized from a seed, the training objective the configuration
 * names, and the model card an export stamps into the ONNX file.
 *
 * <table>
 *   <caption>Configuration to objective</caption>
 *   <tr><th>model block</th><th>training_loss_type</th><th>objective</th><th>roles</th></tr>
 *   <tr><td>diffusion_model</td><td>score_matching</td><td>{@link ScoreMatchingLoss} with the
 *       weighting_scheme's time sampling</td><td>model</td></tr>
 *   <tr><td>diffusion_model</td><td>flow_matching</td><td>{@link FlowMatchingLoss}</td>
 *       <td>model</td></tr>
 *   <tr><td>flow_model icfm / otcfm</td><td>flow_matching</td><td>{@link
 *       ConditionalFlowMatchingLoss} on the constant-noise path</td><td>model</td></tr>
 *   <tr><td>flow_model sf2m</td><td>flow_matching</td><td>{@link ConditionalFlowMatchingLoss} on
 *       the Brownian bridge</td><td>velocity_model, score_model</td></tr>
 * </table>
 *
 * The exported network is {@code model} or, for sf2m, {@code velocity_model}: its velocity is the
 * probability-flow drift, which every ODE solver samples.
 */
public final class ConfiguredModel {

    /** The role of the network that is exported and sampled. */
    public static final String MAIN_ROLE = "model";

    /** SF2M's velocity network. */
    public static final String VELOCITY_ROLE = "velocity_model";

    /** SF2M's score network. */
    public static final String SCORE_ROLE = "score_model";

    private final GenerativeConfig config;
    private final int conditionSize;
    private final Map<String, IntrinsicModel> networks;

    private ConfiguredModel(
            GenerativeConfig config, int conditionSize, Map<String, IntrinsicModel> networks) {
        this.config = config;
        this.conditionSize = conditionSize;
        this.networks = networks;
    }

    /**
     * Builds and initializes the networks of {@code config}; the i-th network is drawn from seed
     * {@code seed + i}.
     *
     * @param conditionSize C, the width of a condition row, 0 for an unconditional model
     * @param manager owns the weights; keep it open while the model is used
     */
    public static ConfiguredModel create(
            GenerativeConfig config, int conditionSize, NDManager manager, long seed) {
        Map<String, IntrinsicModel> networks = new LinkedHashMap<>();
        int x = config.xSize();
        if (config.diffusionModel() != null) {
            networks.put(
                    MAIN_ROLE, network(config.diffusionModel().model(), "model", x, conditionSize));
        } else {
            FlowModelConfig flow = config.flowModel();
            if (isBridge(config)) {
                networks.put(
                        VELOCITY_ROLE,
                        network(flow.velocityNetwork(), VELOCITY_ROLE, x, conditionSize));
                networks.put(SCORE_ROLE, network(flow.scoreModel(), SCORE_ROLE, x, conditionSize));
            } else {
                networks.put(MAIN_ROLE, network(flow.model(), MAIN_ROLE, x, conditionSize));
            }
        }
        long networkSeed = seed;
        for (IntrinsicModel network : networks.values()) {
            Networks.initialize(network, manager, networkSeed++, network.inputShapes(1));
        }
        return new ConfiguredModel(config, conditionSize, networks);
    }

    /**
     * The condition width the configuration declares: the backbone's {@code condition_dim} (0 when
     * absent), or -1 when a condition encoder makes the raw width unknowable from the file.
     */
    public static int declaredConditionSize(GenerativeConfig config) {
        ModelConfig main =
                config.diffusionModel() != null
                        ? config.diffusionModel().model()
                        : config.flowModel().velocityNetwork();
        if (main.args().conditionEncoder() != null) {
            return -1;
        }
        JsonNode dim = main.args().backbone().args().get("condition_dim");
        return dim == null || dim.isNull() ? 0 : Math.max(0, dim.asInt());
    }

    public GenerativeConfig config() {
        return config;
    }

    /** C, 0 for an unconditional model. */
    public int conditionSize() {
        return conditionSize;
    }

    /** The networks by role, in the order the trainer names them in checkpoints. */
    public Map<String, IntrinsicModel> networks() {
        return networks;
    }

    /** The network an export writes: {@code model}, or sf2m's {@code velocity_model}. */
    public IntrinsicModel exportedNetwork() {
        IntrinsicModel main = networks.get(MAIN_ROLE);
        return main != null ? main : networks.get(VELOCITY_ROLE);
    }

    /** The training objective the configuration names, over these networks. */
    public TrainingObjective objective() {
        TrainingParameters parameter = config.requireParameter();
        if (config.diffusionModel() != null) {
            DiffusionModelConfig diffusion = config.diffusionModel();
            GaussianPath path = diffusion.path().toPath();
            Parameterization type = diffusion.model().type();
            IntrinsicModel model = networks.get(MAIN_ROLE);
            if (parameter.trainingLossType() == TrainingLossType.SCORE_MATCHING) {
                TimeSampling sampling =
                        parameter.weightingScheme() == WeightingScheme.VANILLA
                                ? TimeSampling.vanilla()
                                : TimeSampling.maximumLikelihood();
                return new ScoreMatchingLoss(model, path, type, sampling);
            }
            return new FlowMatchingLoss(model, path, type);
        }
        double sigma = config.flowModel().path().sigma();
        return switch (config.flowModel().modelType()) {
            case ICFM ->
                    ConditionalFlowMatchingLoss.independent(
                            networks.get(MAIN_ROLE), new ConstantNoisePath(sigma));
            case OTCFM ->
                    ConditionalFlowMatchingLoss.optimalTransport(
                            networks.get(MAIN_ROLE), new ConstantNoisePath(sigma));
            case SF2M ->
                    ConditionalFlowMatchingLoss.schrodingerBridge(
                            networks.get(VELOCITY_ROLE),
                            networks.get(SCORE_ROLE),
                            new BrownianBridgePath(sigma));
        };
    }

    /**
     * The card of the exported network.
     *
     * @param normalization the map from data to the space the network was trained in
     * @param training facts about the run, a JSON object
     */
    public ModelCard card(Normalization normalization, String training) {
        int x = config.xSize();
        String configJson = ConfigLoader.toJson(config);
        if (config.diffusionModel() != null) {
            DiffusionModelConfig diffusion = config.diffusionModel();
            return new ModelCard(
                    ModelKind.DIFFUSION,
                    diffusion.model().type(),
                    pathSpec(diffusion.path()),
                    TimeConvention.DATA_AT_ZERO,
                    x,
                    conditionSize,
                    normalization,
                    configJson,
                    training);
        }
        FlowModelConfig flow = config.flowModel();
        boolean bridge = isBridge(config);
        PathSpec path =
                new PathSpec(
                        bridge ? BrownianBridgePath.TYPE : ConstantNoisePath.TYPE,
                        Map.of("sigma", flow.path().sigma()));
        return new ModelCard(
                ModelKind.fromConfigName(flow.modelType().configName()),
                Parameterization.VELOCITY_FUNCTION,
                path,
                TimeConvention.DATA_AT_ONE,
                x,
                conditionSize,
                normalization,
                configJson,
                training);
    }

    /**
     * Loads the weights of a trainer checkpoint ({@code param/<role>/<name>}, or the EMA copy
     * {@code ema/<role>/<name>}) into these networks.
     *
     * @throws IllegalArgumentException naming the first tensor that is missing or has another shape
     */
    public void loadWeights(Checkpoint checkpoint, boolean ema) {
        String prefix = ema ? "ema/" : "param/";
        for (Map.Entry<String, IntrinsicModel> network : networks.entrySet()) {
            for (Map.Entry<String, Parameter> parameter :
                    Networks.namedParameters(network.getValue()).entrySet()) {
                String name = prefix + network.getKey() + "/" + parameter.getKey();
                Checkpoint.Tensor tensor = checkpoint.tensors().get(name);
                long expected = parameter.getValue().getArray().size();
                if (tensor == null || tensor.values().length != expected) {
                    throw new IllegalArgumentException(
                            "the checkpoint "
                                    + (tensor == null
                                            ? "has no tensor " + name
                                            : "holds "
                                                    + tensor.values().length
                                                    + " values for "
                                                    + name
                                                    + " but the configured network has "
                                                    + expected)
                                    + (ema && tensor == null
                                            ? "; it was trained without EMA, drop --ema"
                                            : "; export with the configuration it was trained"
                                                    + " with"));
                }
                Networks.overwrite(parameter.getValue(), tensor.values());
            }
        }
    }

    private static boolean isBridge(GenerativeConfig config) {
        return config.flowModel() != null
                && config.flowModel().modelType() == org.grl4j.models.config.FlowModelType.SF2M;
    }

    private static PathSpec pathSpec(DiffusionPathConfig path) {
        GaussianPath built = path.toPath();
        Map<String, Double> parameters = new LinkedHashMap<>();
        if (path.beta0() != null) {
            parameters.put("beta_0", path.beta0());
            parameters.put("beta_1", path.beta1());
        }
        return new PathSpec(built.type(), parameters);
    }

    private static IntrinsicModel network(
            ModelConfig model, String key, int xSize, int conditionSize) {
        return NetworkRegistry.global()
                .createIntrinsicModel(xSize, conditionSize, model.args(), key + ".args");
    }
}
