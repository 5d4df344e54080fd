package org.grl4j.cli.fidelity;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.grl4j.models.data.Datasets;
import org.grl4j.models.data.PointSet;

/**
 * The 2-D transport tasks of Tong et al. (2024, Table 2) as a source and a target distribution,
 * with the recipes of the torchcfm runner's data modules that produced the published table. Points
 * are row-major {@code [n, 2]}; a task is sampled at t = 0 from the source and learned at t = 1 to
 * match the target.
 *
 * <table>
 *   <caption>Tasks (id, source, target)</caption>
 *   <tr><th>id</th><th>source</th><th>target</th></tr>
 *   <tr><td>{@code gaussian-8gaussians}</td><td>N(0, I)</td><td>the runner's {@code gaussians}
 *       module (torchdyn): 8 Gaussians of standard deviation 1 at radius 5</td></tr>
 *   <tr><td>{@code moons-8gaussians}</td><td>the runner's {@code twodim} moons: make_moons with
 *       noise 0.1, standardized by the mean and deviation of all coordinates together, times
 *       7</td><td>the {@code twodim} 8 Gaussians: standard deviation 0.5 at radius 4, all times 3
 *       (deviation 1.5 at radius 12)</td></tr>
 *   <tr><td>{@code 8gaussians-moons}</td><td>the same pair reversed</td><td></td></tr>
 *   <tr><td>{@code gaussian-moons}</td><td>N(0, I)</td><td>make_moons, noise 0.05, (2x - 1,
 *       2y)</td></tr>
 *   <tr><td>{@code gaussian-scurve}</td><td>N(0, I)</td><td>make_s_curve, noise 0.05, columns 0
 *       and 2, times 1.5</td></tr>
 * </table>
 *
 * The runner's {@code twodim} module lists {@code moon-8gaussians}: it integrates from the moons (t
 * = 0) to the 8 Gaussians (t = 1) and measures W2 against the 8 Gaussians, so that is the pair
 * compared with the paper's second column; the reversed pair is offered for completeness.
 */
public enum FidelityTask {
    GAUSSIAN_TO_8GAUSSIANS("gaussian-8gaussians", "N -> 8gaussians"),
    MOONS_TO_8GAUSSIANS("moons-8gaussians", "moons -> 8gaussians"),
    EIGHT_GAUSSIANS_TO_MOONS("8gaussians-moons", "8gaussians -> moons"),
    GAUSSIAN_TO_MOONS("gaussian-moons", "N -> moons"),
    GAUSSIAN_TO_SCURVE("gaussian-scurve", "N -> scurve");

    /** Noise of the runner's {@code twodim} moons. */
    static final double TWODIM_MOONS_NOISE = 0.1;

    /** Scale of the runner's {@code twodim} moons after standardization. */
    static final double TWODIM_MOONS_SCALE = 7.0;

    private final String id;
    private final String label;

    FidelityTask(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The command-line name, e.g. {@code gaussian-moons}. */
    public String id() {
        return id;
    }

    /** The column header, e.g. {@code N -> moons}. */
    public String label() {
        return label;
    }

    /** The task named {@code id}; the message lists the known ids. */
    public static FidelityTask byId(String id) {
        for (FidelityTask task : values()) {
            if (task.id.equals(id.trim())) {
                return task;
            }
        }
        throw new IllegalArgumentException(
                "unknown fidelity task '"
                        + id
                        + "'; known tasks are "
                        + Arrays.stream(values())
                                .map(FidelityTask::id)
                                .collect(Collectors.joining(", ")));
    }

    /** {@code n} source points drawn with {@code seed} (t = 0). */
    public PointSet source(int n, long seed) {
        return switch (this) {
            case MOONS_TO_8GAUSSIANS -> twoDimMoons(n, seed);
            case EIGHT_GAUSSIANS_TO_MOONS -> twoDimEightGaussians(n, seed);
            default -> Datasets.standardNormal(n, 2, seed);
        };
    }

    /** {@code n} target points drawn with {@code seed} (t = 1). */
    public PointSet target(int n, long seed) {
        return switch (this) {
            case GAUSSIAN_TO_8GAUSSIANS -> Datasets.eightGaussians(n, seed, 5.0, 1.0);
            case MOONS_TO_8GAUSSIANS -> twoDimEightGaussians(n, seed);
            case EIGHT_GAUSSIANS_TO_MOONS -> twoDimMoons(n, seed);
            case GAUSSIAN_TO_MOONS -> Datasets.moons(n, seed);
            case GAUSSIAN_TO_SCURVE -> Datasets.sCurve(n, seed);
        };
    }

    /** True when the source is N(0, I), which the trainer then draws itself. */
    public boolean gaussianSource() {
        return this != MOONS_TO_8GAUSSIANS && this != EIGHT_GAUSSIANS_TO_MOONS;
    }

    /** The {@code twodim} 8 Gaussians: deviation 0.5 at radius 4, all times 3. */
    static PointSet twoDimEightGaussians(int n, long seed) {
        return Datasets.eightGaussians(n, seed, 12.0, 1.5);
    }

    /**
     * The {@code twodim} moons: scikit-learn's make_moons (noise 0.1) minus the mean of all 2n
     * coordinates, divided by their sample standard deviation, times 7.
     */
    static PointSet twoDimMoons(int n, long seed) {
        double[] xy = Datasets.moons(n, seed, TWODIM_MOONS_NOISE).toArray();
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (xy[2 * i] + 1) / 2;
            xy[2 * i + 1] = xy[2 * i + 1] / 2;
        }
        double mean = Arrays.stream(xy).average().orElse(0);
        double squares = Arrays.stream(xy).map(v -> (v - mean) * (v - mean)).sum();
        double std = Math.sqrt(squares / Math.max(xy.length - 1, 1));
        for (int k = 0; k < xy.length; k++) {
            xy[k] = (xy[k] - mean) / std * TWODIM_MOONS_SCALE;
        }
        return PointSet.of(n, 2, xy);
    }
}
