package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The flow and bridge models (t = 0 is the source, t = 1 the data; DESIGN.md section 2.3). Each has
 * a short name, also used as the {@code grl4j.model} metadata value, and accepts GenerativeRL's
 * class name as an alias.
 */
public enum FlowModelType {
    /** Independent conditional flow matching: x_t = (1-t) x_0 + t x_1 + sigma noise. */
    ICFM("icfm", "IndependentConditionalFlowModel"),
    /** Conditional flow matching with minibatch pairs re-paired by an exact OT assignment. */
    OTCFM("otcfm", "OptimalTransportConditionalFlowModel"),
    /** Schrodinger-bridge flow (SF2M): OT pairs, a Brownian-bridge path and a score network. */
    SF2M("sf2m", "SchrodingerBridgeConditionalFlowModel");

    private final String configName;
    private final String generativeRlName;

    FlowModelType(String configName, String generativeRlName) {
        this.configName = configName;
        this.generativeRlName = generativeRlName;
    }

    /** The short name, e.g. {@code otcfm}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /** GenerativeRL's class name for this model, accepted as an alias. */
    public String generativeRlName() {
        return generativeRlName;
    }

    /**
     * The model type with this short name or GenerativeRL class name, ignoring case.
     *
     * @throws ConfigException naming the allowed names
     */
    public static FlowModelType fromConfigName(Object name) {
        if (name instanceof String text) {
            for (FlowModelType type : values()) {
                if (type.generativeRlName.equalsIgnoreCase(text.trim())) {
                    return type;
                }
            }
        }
        return Checks.byName(
                values(),
                FlowModelType::configName,
                name,
                "set model_type to icfm, otcfm or sf2m (GenerativeRL's class names also work)");
    }
}
