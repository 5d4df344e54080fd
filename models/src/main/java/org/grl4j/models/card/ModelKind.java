package org.grl4j.models.card;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The family of generative model a network belongs to, which decides how the sampler uses it
 * (DESIGN.md section 2): a diffusion model integrates a Gaussian path from noise (t = 1) to data (t
 * = 0); flow and bridge models integrate their velocity from the source (t = 0) to the data (t =
 * 1).
 */
public enum ModelKind {
    /** Score-based diffusion on a Gaussian path (any of the four parameterizations). */
    DIFFUSION("diffusion"),
    /** Independent conditional flow matching. */
    ICFM("icfm"),
    /** Optimal-transport conditional flow matching. */
    OTCFM("otcfm"),
    /** Schrodinger-bridge flow matching (velocity and score networks). */
    SF2M("sf2m");

    private final String configName;

    ModelKind(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and model metadata, e.g. {@code diffusion}. */
    public String configName() {
        return configName;
    }

    /**
     * The kind with the given configuration name.
     *
     * @throws InvalidModelCardException naming the value and the allowed names when none matches
     */
    public static ModelKind fromConfigName(String name) {
        for (ModelKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        throw new InvalidModelCardException(
                "model kind \""
                        + name
                        + "\" is unknown; allowed: "
                        + Arrays.stream(values())
                                .map(ModelKind::configName)
                                .collect(Collectors.joining(", ")));
    }
}
