package org.grl4j.cli.fidelity;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The trained methods. One training gives one or more evaluated rows: SF2M is sampled both with its
 * ODE (dx = v dt) and its SDE (dx = [v + (sigma^2 / 2) s] dt + sigma dW).
 */
public enum FidelityMethod {
    /** Independent CFM, constant noise sigma. */
    ICFM("icfm", List.of("icfm")),
    /** Exact minibatch optimal-transport CFM, constant noise sigma. */
    OTCFM("otcfm", List.of("otcfm")),
    /** Schrodinger-bridge flow: exact OT pairs on a Brownian bridge, velocity and score nets. */
    SF2M("sf2m", List.of("sf2m-ode", "sf2m-sde"));

    private final String id;
    private final List<String> rows;

    FidelityMethod(String id, List<String> rows) {
        this.id = id;
        this.rows = rows;
    }

    public String id() {
        return id;
    }

    /** The result rows this method produces, in order. */
    public List<String> rows() {
        return rows;
    }

    /** The method named {@code id}; the message lists the known ids. */
    public static FidelityMethod byId(String id) {
        for (FidelityMethod method : values()) {
            if (method.id.equals(id.trim())) {
                return method;
            }
        }
        throw new IllegalArgumentException(
                "unknown fidelity method '"
                        + id
                        + "'; known methods are "
                        + Arrays.stream(values())
                                .map(FidelityMethod::id)
                                .collect(Collectors.joining(", ")));
    }
}
