package org.grl4j.cli.sampling;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The solvers the command line offers, by their flag names. Fixed-step solvers take {@code
 * --steps}; the adaptive Dormand-Prince pair takes {@code --rtol}/{@code --atol}; Euler-Maruyama
 * takes {@code --eta}; the DPM solvers take {@code --steps} (NFE) and {@code --order} and need a
 * diffusion model.
 */
public enum SolverName {
    /** Euler on a uniform grid; NFE = steps. GenerativeRL's default. */
    EULER("euler", 32),
    /** Classical Runge-Kutta 4; NFE = 4 steps. */
    RK4("rk4", 8),
    /** Adaptive Dormand-Prince 5(4). */
    DOPRI5("dopri5", 0),
    /** Adaptive Dormand-Prince 8(5,3). */
    DOP853("dop853", 0),
    /** Euler-Maruyama on the reverse SDE (diffusion) or the bridge SDE; NFE = steps. */
    EULER_MARUYAMA("euler-maruyama", 200),
    /** DPM-Solver (noise prediction), multistep on the logSNR grid; NFE = steps. */
    DPM_SOLVER("dpm-solver", 20),
    /** DPM-Solver++ (data prediction), multistep on the logSNR grid; NFE = steps. */
    DPM_SOLVER_PLUS_PLUS("dpm-solver++", 20);

    private final String flag;
    private final int defaultSteps;

    SolverName(String flag, int defaultSteps) {
        this.flag = flag;
        this.defaultSteps = defaultSteps;
    }

    /** The name on the command line. */
    public String flag() {
        return flag;
    }

    /** The steps used when {@code --steps} is not given; 0 for the adaptive solvers. */
    public int defaultSteps() {
        return defaultSteps;
    }

    /** Whether the solver takes a step count. */
    public boolean fixedStep() {
        return defaultSteps > 0;
    }

    /** Whether this is one of the DPM solvers. */
    public boolean dpm() {
        return this == DPM_SOLVER || this == DPM_SOLVER_PLUS_PLUS;
    }

    /**
     * The solver called {@code name} on the command line (case ignored).
     *
     * @throws IllegalArgumentException listing the names
     */
    public static SolverName fromFlag(String name) {
        for (SolverName solver : values()) {
            if (solver.flag.equals(name.toLowerCase(Locale.ROOT))) {
                return solver;
            }
        }
        throw new IllegalArgumentException(
                "unknown solver '" + name + "'; choose one of " + names());
    }

    /** Every flag name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(SolverName::flag).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return flag;
    }
}
