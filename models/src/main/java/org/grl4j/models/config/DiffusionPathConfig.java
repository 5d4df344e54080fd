package org.grl4j.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Gaussian path of a diffusion model, GenerativeRL's {@code path} block: {@code {type:
 * linear_vp_sde, beta_0: 0.1, beta_1: 20.0}}, {@code {type: gvp}} or {@code {type: linear}}. Time
 * runs from t = 0 (data) to t = t_max (noise).
 *
 * @param type the path family
 * @param beta0 beta(0) of linear_vp_sde, &gt; 0; required there and absent for other types
 * @param beta1 beta(1) of linear_vp_sde, &gt; beta0; required there and absent for other types
 * @param tMax the noise end of the time range, in (0, 1]; 1.0 when left out. GenerativeRL reads
 *     this key but never uses it (its processes always end at 1.0); here it is the end of
 *     training-time sampling and where reverse-time sampling starts
 */
public record DiffusionPathConfig(
        @JsonProperty("type") DiffusionPathType type,
        @JsonProperty("beta_0") Double beta0,
        @JsonProperty("beta_1") Double beta1,
        @JsonProperty("t_max") Double tMax) {

    /** Checks that the parameters fit the type and lie in range; fills t_max = 1.0. */
    public DiffusionPathConfig {
        Checks.required(
                "type",
                type,
                "one of linear_vp_sde, gvp, linear",
                "add type: linear_vp_sde (with beta_0: 0.1 and beta_1: 20.0)");
        if (type == DiffusionPathType.LINEAR_VP_SDE) {
            checkBetas(beta0, beta1);
        } else {
            String why = type.configName() + " has no parameters";
            Checks.absent("beta_0", beta0, why);
            Checks.absent("beta_1", beta1, why);
        }
        tMax = tMax == null ? 1.0 : tMax;
        if (!(tMax > 0 && tMax <= 1)) {
            throw ConfigException.invalid(
                    "t_max", tMax, "a number in (0, 1]", "leave t_max out to use 1.0");
        }
    }

    /** {@code linear_vp_sde} with beta(t) = beta0 + (beta1 - beta0) t. */
    public static DiffusionPathConfig linearVpSde(double beta0, double beta1) {
        return new DiffusionPathConfig(DiffusionPathType.LINEAR_VP_SDE, beta0, beta1, null);
    }

    /** The {@code gvp} path. */
    public static DiffusionPathConfig gvp() {
        return new DiffusionPathConfig(DiffusionPathType.GVP, null, null, null);
    }

    /** The {@code linear} path. */
    public static DiffusionPathConfig linear() {
        return new DiffusionPathConfig(DiffusionPathType.LINEAR, null, null, null);
    }

    private static void checkBetas(Double beta0, Double beta1) {
        String example = "GenerativeRL uses beta_0: 0.1 and beta_1: 20.0";
        Checks.required("beta_0", beta0, "a finite number > 0", "add beta_0 (" + example + ")");
        Checks.required(
                "beta_1", beta1, "a finite number > beta_0", "add beta_1 (" + example + ")");
        Checks.positive("beta_0", beta0, example);
        if (!(beta1 > beta0) || Double.isInfinite(beta1)) {
            throw ConfigException.invalid(
                    "beta_1",
                    beta1,
                    "a finite number greater than beta_0 = " + beta0,
                    "make beta_1 larger than beta_0 (" + example + ")");
        }
    }
}
