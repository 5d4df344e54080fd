package org.grl4j.cli.sampling;

import java.util.Locale;
import org.grl4j.cli.UsageException;
import org.grl4j.models.card.ModelKind;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.OnnxModel;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.dpm.DpmModel;
import org.grl4j.sampler.dpm.DpmResult;
import org.grl4j.sampler.dpm.DpmSolver;
import org.grl4j.sampler.dpm.DpmSolverConfig;
import org.grl4j.sampler.dpm.DpmVariant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The solver flags shared by {@code sample}, {@code eval} and {@code demo}, and the sampling they
 * describe. A flag that the chosen solver does not use is a usage error rather than silently
 * ignored.
 */
public final class SolverOptions {

    @Option(
            names = "--solver",
            paramLabel = "NAME",
            converter = SolverConverter.class,
            description =
                    "euler, rk4, dopri5, dop853, euler-maruyama, dpm-solver or dpm-solver++"
                            + " (default: ${DEFAULT-VALUE}). DPM solvers need a diffusion model.",
            defaultValue = "euler")
    SolverName solver = SolverName.EULER;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description =
                    "Steps of a fixed-step solver (NFE for euler, euler-maruyama and the DPM"
                            + " solvers, 4 N for rk4). Default: euler 32, rk4 8, euler-maruyama"
                            + " 200, DPM 20.")
    Integer steps;

    @Option(
            names = "--rtol",
            paramLabel = "X",
            description = "Relative tolerance of dopri5/dop853 (default 1e-5).")
    Double relativeTolerance;

    @Option(
            names = "--atol",
            paramLabel = "X",
            description = "Absolute tolerance of dopri5/dop853 (default 1e-5).")
    Double absoluteTolerance;

    @Option(
            names = "--eta",
            paramLabel = "X",
            description =
                    "Noise scale of euler-maruyama: 1 the reverse SDE (default), 0 the"
                            + " probability-flow ODE.")
    Double eta;

    @Option(
            names = "--order",
            paramLabel = "K",
            description = "Order 1, 2 or 3 of the DPM solvers (default 2, multistep).")
    Integer order;

    /** Parses solver names for picocli. */
    static final class SolverConverter implements ITypeConverter<SolverName> {
        @Override
        public SolverName convert(String value) {
            return SolverName.fromFlag(value);
        }
    }

    /** Options for code that builds a sampling without a command line (the demo). */
    public static SolverOptions of(SolverName solver, Integer steps) {
        SolverOptions options = new SolverOptions();
        options.solver = solver;
        options.steps = steps;
        return options;
    }

    public SolverName solver() {
        return solver;
    }

    /** The step count in use: {@code --steps} or the solver's default. */
    public int steps() {
        return steps != null ? steps : solver.defaultSteps();
    }

    /**
     * Checks that every flag given fits the solver and the model.
     *
     * @throws UsageException naming the flag and what to do instead
     */
    public void check(ModelKind model) {
        if (steps != null && !solver.fixedStep()) {
            throw new UsageException(
                    "--steps does not apply to the adaptive solver "
                            + solver
                            + "; set --rtol/--atol instead");
        }
        if (steps != null && steps < 1) {
            throw new UsageException("--steps must be at least 1, found " + steps);
        }
        if ((relativeTolerance != null || absoluteTolerance != null)
                && solver != SolverName.DOPRI5
                && solver != SolverName.DOP853) {
            throw new UsageException(
                    "--rtol/--atol apply to dopri5 and dop853 only, not to " + solver);
        }
        checkPositive("--rtol", relativeTolerance);
        checkPositive("--atol", absoluteTolerance);
        if (eta != null && solver != SolverName.EULER_MARUYAMA) {
            throw new UsageException(
                    "--eta applies to euler-maruyama only; "
                            + solver
                            + " integrates the probability-flow ODE");
        }
        if (eta != null && !(eta >= 0)) {
            throw new UsageException("--eta must be >= 0, found " + eta);
        }
        if (order != null && !solver.dpm()) {
            throw new UsageException("--order applies to dpm-solver and dpm-solver++ only");
        }
        if (order != null && (order < 1 || order > 3)) {
            throw new UsageException("--order must be 1, 2 or 3, found " + order);
        }
        if (solver.dpm() && model != ModelKind.DIFFUSION) {
            throw new UsageException(
                    solver
                            + " needs a diffusion model but the model is "
                            + model.configName()
                            + "; use euler, rk4, dopri5 or dop853");
        }
        if (solver == SolverName.EULER_MARUYAMA && model != ModelKind.DIFFUSION) {
            throw new UsageException(
                    "euler-maruyama needs a model with a score (a diffusion model) but the model"
                            + " is "
                            + model.configName()
                            + ", which has only its velocity; use an ODE solver");
        }
    }

    /** A short description for summaries, e.g. {@code euler, 32 steps}. */
    public String describe() {
        if (solver.fixedStep()) {
            String text = solver + ", " + steps() + " steps";
            if (solver.dpm()) {
                text += ", order " + (order == null ? 2 : order);
            }
            if (solver == SolverName.EULER_MARUYAMA) {
                text += ", eta " + (eta == null ? 1.0 : eta);
            }
            return text;
        }
        return String.format(
                Locale.ROOT,
                "%s, rtol %.1e, atol %.1e",
                solver,
                tolerance(relativeTolerance),
                tolerance(absoluteTolerance));
    }

    /**
     * Draws samples in data space.
     *
     * @param n the number of samples; with conditions, ignored in favour of rows * perCondition
     * @param conditions condition rows {@code [rows * C]}, or null for an unconditional model
     * @param perCondition samples per condition row (sample j of row i is row i k + j)
     */
    public Samples sample(
            OnnxModel model, int n, double[] conditions, int perCondition, long seed) {
        check(model.card().model());
        Samples samples =
                solver.dpm()
                        ? sampleDpm(model, n, conditions, perCondition, seed)
                        : sampleWithSampler(model, n, conditions, perCondition, seed);
        return model.toDataSpace(samples);
    }

    private Samples sampleWithSampler(
            OnnxModel model, int n, double[] conditions, int perCondition, long seed) {
        Sampler.Builder builder = model.samplerBuilder();
        switch (solver) {
            case EULER -> builder.solver(Solvers.euler(steps()));
            case RK4 -> builder.solver(Solvers.rk4(steps()));
            case DOPRI5 ->
                    builder.solver(
                            Solvers.dormandPrince54(
                                    tolerance(relativeTolerance), tolerance(absoluteTolerance)));
            case DOP853 ->
                    builder.solver(
                            Solvers.dormandPrince853(
                                    tolerance(relativeTolerance), tolerance(absoluteTolerance)));
            case EULER_MARUYAMA ->
                    builder.solver(Solvers.eulerMaruyama(steps())).eta(eta == null ? 1.0 : eta);
            default -> throw new IllegalStateException("not a Sampler solver: " + solver);
        }
        Sampler sampler = builder.build();
        return conditions == null
                ? sampler.sample(n, seed)
                : sampler.sample(conditions, perCondition, seed);
    }

    private Samples sampleDpm(
            OnnxModel model, int n, double[] conditions, int perCondition, long seed) {
        GaussianPath path = OnnxModel.gaussianPath(model.card().path());
        DpmSolverConfig config =
                DpmSolverConfig.defaults(path)
                        .withVariant(
                                solver == SolverName.DPM_SOLVER
                                        ? DpmVariant.DPM_SOLVER
                                        : DpmVariant.DPM_SOLVER_PLUS_PLUS)
                        .withOrder(order == null ? 2 : order)
                        .withSteps(steps())
                        .withSeed(seed);
        DpmModel dpmModel = new DpmModel(path, model.card().parameterization(), model.network());
        int c = model.card().conditionSize();
        double[] repeated = conditions == null ? null : repeatRows(conditions, c, perCondition);
        int rows = repeated == null ? n : repeated.length / c;
        long start = System.nanoTime();
        DpmResult result = new DpmSolver(config).sample(dpmModel, rows, repeated);
        return new Samples(
                result.samples(), rows, result.xSize(), result.nfe(), System.nanoTime() - start);
    }

    private static double[] repeatRows(double[] rows, int width, int k) {
        int count = rows.length / width;
        double[] out = new double[rows.length * k];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(rows, i * width, out, (i * k + j) * width, width);
            }
        }
        return out;
    }

    private static double tolerance(Double value) {
        return value == null ? Solvers.DEFAULT_TOLERANCE : value;
    }

    private static void checkPositive(String flag, Double value) {
        if (value != null && !(value > 0 && value < 1)) {
            throw new UsageException(flag + " must be in (0, 1), found " + value);
        }
    }
}
