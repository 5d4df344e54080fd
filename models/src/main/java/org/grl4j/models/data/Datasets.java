package org.grl4j.models.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in seeded datasets and a name registry. Every generator is deterministic in its seed (the
 * same seed gives the same points on every machine) and returns a row-major {@code [n, d]} {@link
 * PointSet}. Only the distributions of the Python originals are reproduced, not their exact
 * numbers: NumPy's generator is not ours.
 *
 * <table>
 *   <caption>Built-in datasets (name, source, exact recipe)</caption>
 *   <tr><th>name</th><th>recipe</th></tr>
 *   <tr><td>{@code swiss_roll}</td><td>GenerativeRL's tutorials: u ~ U(0, 1), t = 1.5 pi (1 + 2u),
 *       point (t cos t, t sin t) + 0.01 N(0, I); each column divided by its maximum absolute value;
 *       one min-max over both columns together to [0, 1]; then x 10 - 5, so the set spans exactly
 *       [-5, 5] (the global minimum is -5 and the global maximum is 5).</td></tr>
 *   <tr><td>{@code moons}</td><td>scikit-learn's {@code make_moons} with noise 0.05 as the
 *       torchcfm runner's {@code moons} data module (the SF2M paper's 2-D tasks) uses it: n/2
 *       points at evenly spaced angles on the upper unit half circle, the rest on the lower half
 *       circle centred at (1, 0.5), Gaussian noise, rows shuffled, then (2x - 1, 2y).</td></tr>
 *   <tr><td>{@code 8gaussians}</td><td>torchcfm's {@code sample_8gaussians}: a uniform choice of
 *       8 centres at radius 5 (angles k pi / 4) plus isotropic noise of variance sqrt(0.1), that
 *       is standard deviation 0.1^(1/4) = 0.5623 (torchcfm passes sqrt(var) as the covariance).
 *       FFJORD and the torchcfm runner use radius 4 with standard deviation 0.5 and then rescale;
 *       {@link #eightGaussians(int, long, double, double)} gives any radius and deviation.
 *       </td></tr>
 *   <tr><td>{@code scurve}</td><td>scikit-learn's {@code make_s_curve} with noise 0.05, columns 0
 *       and 2 (sin t, sign(t) (cos t - 1)) with t = 3 pi (U(0, 1) - 0.5), times 1.5, as the
 *       torchcfm runner's {@code scurve} data module.</td></tr>
 *   <tr><td>{@code checkerboard}</td><td>FFJORD's toy: x ~ U(-2, 2), y ~ U(0, 1) - 2 B(1/2) +
 *       (floor(x) mod 2), both times 2: uniform on the 8 cells of a 4 x 4 board of side-2 squares
 *       over [-4, 4]^2 whose integer cell coordinates have an even sum.</td></tr>
 *   <tr><td>{@code standard_normal}</td><td>N(0, I) in 2 dimensions ({@link #standardNormal(int,
 *       int, long)} for any dimension).</td></tr>
 * </table>
 */
public final class Datasets {

    /** Noise of GenerativeRL's swiss-roll tutorials. */
    public static final double SWISS_ROLL_NOISE = 0.01;

    /** Noise of the torchcfm runner's moons and S-curve data modules. */
    public static final double MOONS_NOISE = 0.05;

    /** Noise of the torchcfm runner's S-curve data module. */
    public static final double S_CURVE_NOISE = 0.05;

    /** Radius of torchcfm's 8-Gaussians centres. */
    public static final double EIGHT_GAUSSIANS_RADIUS = 5.0;

    /** Per-coordinate standard deviation of torchcfm's 8 Gaussians: 0.1^(1/4). */
    public static final double EIGHT_GAUSSIANS_STD = Math.pow(0.1, 0.25);

    private static final Map<String, DatasetGenerator> REGISTRY = new ConcurrentHashMap<>();

    static {
        REGISTRY.put("swiss_roll", Datasets::swissRoll);
        REGISTRY.put("moons", Datasets::moons);
        REGISTRY.put("8gaussians", Datasets::eightGaussians);
        REGISTRY.put("scurve", Datasets::sCurve);
        REGISTRY.put("checkerboard", Datasets::checkerboard);
        REGISTRY.put("standard_normal", (size, seed) -> standardNormal(size, 2, seed));
    }

    private Datasets() {}

    /**
     * The dataset registered as {@code name}, {@code size} points with seed {@code seed}.
     *
     * @throws IllegalArgumentException naming the known datasets when {@code name} is unknown
     */
    public static PointSet byName(String name, int size, long seed) {
        DatasetGenerator generator = REGISTRY.get(name);
        if (generator == null) {
            throw new IllegalArgumentException(
                    "unknown dataset '"
                            + name
                            + "'; known datasets are "
                            + names()
                            + " (register more with Datasets.register)");
        }
        return generator.generate(size, seed);
    }

    /** The registered dataset names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(REGISTRY.keySet());
    }

    /**
     * Registers {@code generator} under {@code name} so that {@link #byName} finds it.
     *
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public static void register(String name, DatasetGenerator generator) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name is blank; give a non-empty name");
        }
        if (REGISTRY.putIfAbsent(name, generator) != null) {
            throw new IllegalArgumentException(
                    "dataset '" + name + "' is already registered; choose another name");
        }
    }

    /** GenerativeRL's 2-D swiss roll with noise {@link #SWISS_ROLL_NOISE}, in [-5, 5]^2. */
    public static PointSet swissRoll(int size, long seed) {
        return swissRoll(size, seed, SWISS_ROLL_NOISE);
    }

    /**
     * GenerativeRL's 2-D swiss roll (see the class table) with Gaussian noise of standard deviation
     * {@code noise} added before normalization. Needs at least 2 points: the final min-max scaling
     * needs a spread.
     */
    public static PointSet swissRoll(int size, long seed, double noise) {
        checkSize(size, 2, "swiss_roll");
        checkNonNegative(noise, "swiss_roll noise");
        Draws draws = new Draws(seed);
        double[] xy = new double[2 * size];
        for (int i = 0; i < size; i++) {
            double t = 1.5 * Math.PI * (1 + 2 * draws.uniform());
            xy[2 * i] = t * Math.cos(t) + noise * draws.gaussian();
            xy[2 * i + 1] = t * Math.sin(t) + noise * draws.gaussian();
        }

        divideColumnsByMaxAbs(xy, 2);

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : xy) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double range = max - min;
        for (int k = 0; k < xy.length; k++) {
            double unit = range > 0 ? (xy[k] - min) / range : 0.5;
            xy[k] = unit * 10 - 5;
        }
        return PointSet.wrap(size, 2, xy);
    }

    private static void divideColumnsByMaxAbs(double[] values, int d) {
        for (int j = 0; j < d; j++) {
            double maxAbs = 0;
            for (int k = j; k < values.length; k += d) {
                maxAbs = Math.max(maxAbs, Math.abs(values[k]));
            }
            if (maxAbs > 0) {
                for (int k = j; k < values.length; k += d) {
                    values[k] /= maxAbs;
                }
            }
        }
    }

    /** Two moons with noise {@link #MOONS_NOISE}. */
    public static PointSet moons(int size, long seed) {
        return moons(size, seed, MOONS_NOISE);
    }

    /**
     * Two moons (see the class table) with Gaussian noise of standard deviation {@code noise} added
     * before the final map (x, y) -> (2x - 1, 2y).
     */
    public static PointSet moons(int size, long seed, double noise) {
        checkSize(size, 1, "moons");
        checkNonNegative(noise, "moons noise");
        Draws draws = new Draws(seed);
        int outer = size / 2;
        int inner = size - outer;
        double[] xy = new double[2 * size];
        for (int k = 0; k < outer; k++) {
            double angle = evenAngle(k, outer);
            xy[2 * k] = Math.cos(angle);
            xy[2 * k + 1] = Math.sin(angle);
        }
        for (int k = 0; k < inner; k++) {
            double angle = evenAngle(k, inner);
            xy[2 * (outer + k)] = 1 - Math.cos(angle);
            xy[2 * (outer + k) + 1] = 0.5 - Math.sin(angle);
        }

        shuffleRows(xy, 2, draws);
        for (int i = 0; i < size; i++) {
            xy[2 * i] = 2 * (xy[2 * i] + noise * draws.gaussian()) - 1;
            xy[2 * i + 1] = 2 * (xy[2 * i + 1] + noise * draws.gaussian());
        }
        return PointSet.wrap(size, 2, xy);
    }

    /** Angle k of {@code count} evenly spaced on [0, pi], ends included (NumPy's linspace). */
    private static double evenAngle(int k, int count) {
        return count == 1 ? 0 : Math.PI * k / (count - 1);
    }

    /** Fisher-Yates shuffle of the rows of a row-major array. */
    private static void shuffleRows(double[] values, int d, Draws draws) {
        int n = values.length / d;
        for (int i = n - 1; i > 0; i--) {
            int j = draws.index(i + 1);
            for (int c = 0; c < d; c++) {
                double swap = values[i * d + c];
                values[i * d + c] = values[j * d + c];
                values[j * d + c] = swap;
            }
        }
    }

    /** torchcfm's 8 Gaussians: radius 5, standard deviation 0.1^(1/4). */
    public static PointSet eightGaussians(int size, long seed) {
        return eightGaussians(size, seed, EIGHT_GAUSSIANS_RADIUS, EIGHT_GAUSSIANS_STD);
    }

    /**
     * An equal-weight mixture of 8 isotropic Gaussians of standard deviation {@code std} centred at
     * {@code radius} (cos(k pi/4), sin(k pi/4)), k = 0..7.
     */
    public static PointSet eightGaussians(int size, long seed, double radius, double std) {
        checkSize(size, 1, "8gaussians");
        checkNonNegative(radius, "8gaussians radius");
        checkNonNegative(std, "8gaussians standard deviation");
        Draws draws = new Draws(seed);
        double[] xy = new double[2 * size];
        for (int i = 0; i < size; i++) {
            double angle = draws.index(8) * Math.PI / 4;
            xy[2 * i] = radius * Math.cos(angle) + std * draws.gaussian();
            xy[2 * i + 1] = radius * Math.sin(angle) + std * draws.gaussian();
        }
        return PointSet.wrap(size, 2, xy);
    }

    /** The 2-D S-curve with noise {@link #S_CURVE_NOISE}. */
    public static PointSet sCurve(int size, long seed) {
        return sCurve(size, seed, S_CURVE_NOISE);
    }

    /**
     * The 2-D S-curve (see the class table): (1.5 (sin t + noise z1), 1.5 (sign(t) (cos t - 1) +
     * noise z2)) with t = 3 pi (u - 1/2), u ~ U(0, 1), z ~ N(0, I).
     */
    public static PointSet sCurve(int size, long seed, double noise) {
        checkSize(size, 1, "scurve");
        checkNonNegative(noise, "scurve noise");
        Draws draws = new Draws(seed);
        double[] xy = new double[2 * size];
        for (int i = 0; i < size; i++) {
            double t = 3 * Math.PI * (draws.uniform() - 0.5);
            xy[2 * i] = 1.5 * (Math.sin(t) + noise * draws.gaussian());
            xy[2 * i + 1] = 1.5 * (Math.signum(t) * (Math.cos(t) - 1) + noise * draws.gaussian());
        }
        return PointSet.wrap(size, 2, xy);
    }

    /** FFJORD's checkerboard over [-4, 4]^2 (see the class table). */
    public static PointSet checkerboard(int size, long seed) {
        checkSize(size, 1, "checkerboard");
        Draws draws = new Draws(seed);
        double[] xy = new double[2 * size];
        for (int i = 0; i < size; i++) {
            double x = 4 * draws.uniform() - 2;
            double y = draws.uniform() - 2 * draws.index(2) + Math.floorMod((int) Math.floor(x), 2);
            xy[2 * i] = 2 * x;
            xy[2 * i + 1] = 2 * y;
        }
        return PointSet.wrap(size, 2, xy);
    }

    /** {@code size} draws from N(0, I) in {@code dimension} dimensions. */
    public static PointSet standardNormal(int size, int dimension, long seed) {
        checkSize(size, 1, "standard_normal");
        if (dimension < 1) {
            throw new IllegalArgumentException(
                    "standard_normal dimension is " + dimension + "; it must be at least 1");
        }
        Draws draws = new Draws(seed);
        double[] values = new double[Math.multiplyExact(size, dimension)];
        for (int k = 0; k < values.length; k++) {
            values[k] = draws.gaussian();
        }
        return PointSet.wrap(size, dimension, values);
    }

    private static void checkSize(int size, int minimum, String dataset) {
        if (size < minimum) {
            throw new IllegalArgumentException(
                    dataset + " size is " + size + "; it must be at least " + minimum);
        }
    }

    private static void checkNonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    what + " is " + value + "; it must be finite and zero or more");
        }
    }
}
