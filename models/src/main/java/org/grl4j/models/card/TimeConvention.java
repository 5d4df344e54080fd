package org.grl4j.models.card;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which end of the model's time interval [0, 1] holds the data. Diffusion models in grl4j put the
 * data at t = 0 and the noise at t = 1 (DESIGN.md section 2.1); flow and bridge models put the
 * source at t = 0 and the data at t = 1 (section 2.3). A network made elsewhere may use either; the
 * sampler maps its own time onto the model's through this value.
 */
public enum TimeConvention {
    /** t = 0 is the data, t = 1 the noise or source. */
    DATA_AT_ZERO("data_at_0"),
    /** t = 1 is the data, t = 0 the noise or source. */
    DATA_AT_ONE("data_at_1");

    private final String configName;

    TimeConvention(String configName) {
        this.configName = configName;
    }

    /** The name used in model metadata, {@code data_at_0} or {@code data_at_1}. */
    public String configName() {
        return configName;
    }

    /** The time at which the model's state is data: 0 or 1. */
    public double dataTime() {
        return this == DATA_AT_ZERO ? 0.0 : 1.0;
    }

    /**
     * The convention with the given name.
     *
     * @throws InvalidModelCardException naming the value and the allowed names when none matches
     */
    public static TimeConvention fromConfigName(String name) {
        for (TimeConvention convention : values()) {
            if (convention.configName.equals(name)) {
                return convention;
            }
        }
        throw new InvalidModelCardException(
                "time convention \""
                        + name
                        + "\" is unknown; allowed: "
                        + Arrays.stream(values())
                                .map(TimeConvention::configName)
                                .collect(Collectors.joining(", ")));
    }
}
