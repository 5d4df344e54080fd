package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The path of a flow or bridge model, GenerativeRL's {@code path: {sigma: 0.1}}. For ICFM and
 * OT-CFM, x_t = (1-t) x_0 + t x_1 + sigma noise (constant noise); for SF2M, x_t = (1-t) x_0 + t x_1
 * + sigma sqrt(t (1-t)) noise (Brownian bridge). t = 0 is the source, t = 1 the data.
 *
 * @param sigma the noise level, &gt;= 0 (SF2M needs &gt; 0, checked by {@link FlowModelConfig})
 */
public record FlowPathConfig(@JsonProperty(value = "sigma", required = true) double sigma) {

    /** Checks sigma >= 0 and finite. */
    public FlowPathConfig {
        Checks.nonNegative("sigma", sigma, "GenerativeRL's flow tutorials use sigma: 0.1");
    }
}
