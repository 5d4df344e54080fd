package org.grl4j.sampler;

import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.guidance.Inpainting;
import org.grl4j.sampler.model.GenerativeModel;
import org.grl4j.sampler.ode.OdeSolver;
import org.grl4j.sampler.ode.Solution;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.RowNoise;
import org.grl4j.sampler.sde.SdeSolver;
import org.grl4j.sampler.sde.StochasticField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws samples from a {@link GenerativeModel} with one solver:
 *
 * <pre>{@code
 * Sampler sampler = Sampler.builder(model).solver(Solvers.euler(20)).build();
 * double[] x = sampler.sample(1000, 42L).x();     // 1000 rows of width D, row-major
 * }</pre>
 *
 * <p>Each call starts from N(0, I) at the model's start time and integrates to its end time (see
 * {@link GenerativeModel}); a builder may override the span. Noise comes from per-row streams of
 * the call's seed ({@link RowNoise}): the same seed gives the same samples whatever the threads.
 *
 * <p>Layouts are row-major: samples {@code [N * D]}, conditions {@code [rows * C]}; with k samples
 * per condition, sample j of condition i is row {@code i * k + j}.
 *
 * <p>A sampler is immutable: share one across threads (the network must be thread-safe, as the
 * batch network contract requires). Each batch is logged at INFO (solver, rows, NFE, wall time);
 * solver steps at DEBUG.
 */
public final class Sampler {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final GenerativeModel model;
    private final OdeSolver odeSolver;
    private final SdeSolver sdeSolver;
    private final double eta;
    private final double startTime;
    private final double endTime;

    private Sampler(Builder builder) {
        this.model = builder.model;
        this.odeSolver = builder.odeSolver;
        this.sdeSolver = builder.sdeSolver;
        this.eta = builder.eta == null ? 1.0 : builder.eta;
        boolean margin = sdeSolver != null || odeSolver.evaluatesEndTime();
        this.startTime = builder.startTime == null ? model.startTime() : builder.startTime;
        this.endTime = builder.endTime == null ? model.endTime(margin) : builder.endTime;
    }

    /** A builder for {@code model}; a solver is required. */
    public static Builder builder(GenerativeModel model) {
        return new Builder(model);
    }

    public GenerativeModel model() {
        return model;
    }

    /** The time at which sampling starts. */
    public double startTime() {
        return startTime;
    }

    /** The time at which sampling stops. */
    public double endTime() {
        return endTime;
    }

    /** {@code n} samples from an unconditional model. */
    public Samples sample(int n, long seed) {
        requireUnconditional();
        Checks.positive("sample count n", n, "ask for at least one sample");
        return run(n, null, null, null, seed);
    }

    /**
     * {@code samplesPerCondition} samples for each row of {@code conditions} ({@code [rows * C]});
     * sample j of condition i is row {@code i * samplesPerCondition + j}.
     */
    public Samples sample(double[] conditions, int samplesPerCondition, long seed) {
        Checks.positive(
                "samplesPerCondition", samplesPerCondition, "ask for at least one per condition");
        int rows = conditionRows(conditions);
        int n = Math.multiplyExact(rows, samplesPerCondition);
        return run(
                n,
                repeatRows(conditions, model.conditionSize(), samplesPerCondition),
                null,
                null,
                seed);
    }

    /**
     * Samples from given source states instead of fresh N(0, I) noise (the seed still drives SDE
     * noise).
     *
     * @param initialState the states at the start time, {@code [N * D]}
     * @param conditions one condition row per state, or null for an unconditional model
     */
    public Samples sampleFrom(double[] initialState, double[] conditions, long seed) {
        int n = stateRows("initialState", initialState);
        Checks.rows("initialState", initialState, n, model.xSize());
        return run(n, checkedConditions(conditions, n), initialState, null, seed);
    }

    /**
     * Inpainting (see {@link Inpainting}): generates the coordinates where {@code mask} is 1 and
     * keeps those where it is 0 at {@code fixedX}. Needs a model with a noising path (a diffusion
     * model, or guided diffusion models).
     *
     * @param fixedX the fixed values, {@code [N * D]}; entries where the mask is 1 are ignored
     * @param mask 1 = generate, 0 = keep, either {@code [N * D]} or one row {@code [D]} for all
     * @param conditions one condition row per row of fixedX, or null for an unconditional model
     */
    public Samples inpaint(double[] fixedX, double[] mask, double[] conditions, long seed) {
        GaussianPath path =
                model.noisingPath()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "inpainting needs a model that noises data on a"
                                                        + " Gaussian path (a DiffusionModel); "
                                                        + model.getClass().getSimpleName()
                                                        + " has none"));
        int n = stateRows("fixedX", fixedX);
        double[] fullMask = checkedMask(mask, n);
        checkFixedValues(fixedX, fullMask);
        return run(
                n, checkedConditions(conditions, n), null, new Mask(path, fixedX, fullMask), seed);
    }

    private record Mask(GaussianPath path, double[] fixed, double[] mask) {}

    private Samples run(int n, double[] conditions, double[] initialState, Mask mask, long seed) {
        long begin = System.nanoTime();
        RowNoise noise = new RowNoise(seed, n);
        double[] x0 = initialState != null ? initialState : noise.next(model.xSize());
        if (mask != null) {
            x0 = Inpainting.initialState(mask.fixed(), mask.mask(), x0);
        }

        Solution solution = solve(n, conditions, x0, mask, noise);
        long wall = System.nanoTime() - begin;
        LOG.info(
                "sampled {} rows of width {} with {} from t={} to t={}: {} NFE in {} ms",
                n,
                model.xSize(),
                describeSolver(),
                startTime,
                endTime,
                solution.evaluations(),
                wall / 1_000_000.0);
        return new Samples(solution.x(), n, model.xSize(), solution.evaluations(), wall);
    }

    private Solution solve(int n, double[] conditions, double[] x0, Mask mask, RowNoise noise) {
        if (sdeSolver != null) {
            StochasticField field = model.stochasticFlow(n, eta, conditions);
            if (mask != null) {
                field = Inpainting.wrap(field, mask.path(), mask.fixed(), mask.mask(), noise);
            }
            return sdeSolver.solve(field, n, x0, startTime, endTime, noise);
        }
        VectorField field = model.probabilityFlow(n, conditions);
        if (mask != null) {
            field = Inpainting.wrap(field, mask.path(), mask.fixed(), mask.mask(), noise);
        }
        return odeSolver.solve(field, n, x0, startTime, endTime);
    }

    private String describeSolver() {
        return sdeSolver != null ? sdeSolver.describe() + " eta=" + eta : odeSolver.describe();
    }

    private void requireUnconditional() {
        if (model.conditionSize() != 0) {
            throw new IllegalArgumentException(
                    "the model is conditional (condition width "
                            + model.conditionSize()
                            + "); call sample(conditions, samplesPerCondition, seed)");
        }
    }

    private int conditionRows(double[] conditions) {
        int c = model.conditionSize();
        if (c == 0) {
            throw new IllegalArgumentException(
                    "the model is unconditional but conditions were given; call sample(n, seed)");
        }
        if (conditions == null || conditions.length == 0 || conditions.length % c != 0) {
            throw new IllegalArgumentException(
                    "conditions must hold whole rows of width "
                            + c
                            + ", found "
                            + (conditions == null ? "null" : conditions.length + " values")
                            + "; pass rows * "
                            + c
                            + " values, row-major");
        }
        Checks.allFinite("conditions", conditions, c);
        return conditions.length / c;
    }

    private double[] checkedConditions(double[] conditions, int n) {
        if (model.conditionSize() == 0) {
            if (conditions != null) {
                throw new IllegalArgumentException(
                        "the model is unconditional but conditions were given; pass null");
            }
            return null;
        }
        return Checks.rows("conditions", conditions, n, model.conditionSize());
    }

    private int stateRows(String name, double[] state) {
        int d = model.xSize();
        if (state == null || state.length == 0 || state.length % d != 0) {
            throw new IllegalArgumentException(
                    name
                            + " must hold whole rows of width "
                            + d
                            + " (the model's x width), found "
                            + (state == null ? "null" : state.length + " values")
                            + "; pass rows * "
                            + d
                            + " values, row-major");
        }
        return state.length / d;
    }

    private double[] checkedMask(double[] mask, int n) {
        int d = model.xSize();
        if (mask == null || (mask.length != d && mask.length != n * d)) {
            throw new IllegalArgumentException(
                    "mask must have "
                            + d
                            + " values (one row for all) or "
                            + n * d
                            + " (one per row), found "
                            + (mask == null ? "null" : mask.length)
                            + "; 1 = generate, 0 = keep fixed");
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                throw new IllegalArgumentException(
                        "mask values must be 0 (keep fixed) or 1 (generate), found "
                                + mask[i]
                                + " at index "
                                + i);
            }
        }
        return mask.length == n * d ? mask : repeatRows(mask, d, n);
    }

    private static void checkFixedValues(double[] fixedX, double[] mask) {
        for (int i = 0; i < fixedX.length; i++) {
            if (mask[i] == 0 && !Double.isFinite(fixedX[i])) {
                throw new IllegalArgumentException(
                        "fixedX holds "
                                + fixedX[i]
                                + " at index "
                                + i
                                + " where the mask keeps it fixed; fixed values must be finite");
            }
        }
    }

    /**
     * Each row of {@code rows} (width {@code width}) repeated {@code k} times, copies adjacent: row
     * r of the result is row r / k of the input.
     */
    private static double[] repeatRows(double[] rows, int width, int k) {
        if (k == 1) {
            return rows;
        }
        int count = rows.length / width;
        double[] out = new double[Math.multiplyExact(rows.length, k)];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(rows, i * width, out, (i * k + j) * width, width);
            }
        }
        return out;
    }

    /** Configures a {@link Sampler}. */
    public static final class Builder {

        private final GenerativeModel model;
        private OdeSolver odeSolver;
        private SdeSolver sdeSolver;
        private Double eta;
        private Double startTime;
        private Double endTime;

        private Builder(GenerativeModel model) {
            if (model == null) {
                throw new IllegalArgumentException("Sampler.builder needs a model, found null");
            }
            this.model = model;
        }

        /** Samples the probability-flow ODE with {@code solver}. */
        public Builder solver(OdeSolver solver) {
            this.odeSolver = solver;
            this.sdeSolver = null;
            return this;
        }

        /** Samples the model's SDE with {@code solver} and noise scale {@link #eta}. */
        public Builder solver(SdeSolver solver) {
            this.sdeSolver = solver;
            this.odeSolver = null;
            return this;
        }

        /** The SDE noise scale eta >= 0 (default 1, the standard reverse SDE); SDE solvers only. */
        public Builder eta(double eta) {
            this.eta =
                    Checks.nonNegative(
                            "eta", eta, "use 1 for the standard SDE, 0 for the probability flow");
            return this;
        }

        /** Overrides the model's time span (see {@link GenerativeModel#startTime()}). */
        public Builder timeSpan(double start, double end) {
            Checks.finite("start time", start, "pass a finite time");
            Checks.finite("end time", end, "pass a finite time");
            if (start == end) {
                throw new IllegalArgumentException(
                        "start and end time are both " + start + "; pass two different times");
            }
            this.startTime = start;
            this.endTime = end;
            return this;
        }

        /** The sampler; fails when no solver was set or eta was set for an ODE solver. */
        public Sampler build() {
            if (odeSolver == null && sdeSolver == null) {
                throw new IllegalStateException(
                        "no solver set; call solver(Solvers.euler(20)) or another from Solvers");
            }
            if (odeSolver != null && eta != null) {
                throw new IllegalStateException(
                        "eta = "
                                + eta
                                + " was set but "
                                + odeSolver.describe()
                                + " integrates the probability flow (eta = 0); use"
                                + " Solvers.eulerMaruyama for eta > 0 or drop eta");
            }
            return new Sampler(this);
        }
    }
}
