package org.grl4j.cli.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.grl4j.cli.fidelity.DiffusionVariant.Objective;

/**
 * The trained methods. One training gives one or more evaluated rows: SF2M is sampled both with its
 * ODE (dx = v dt) and its SDE (dx = [v + (sigma^2 / 2) s] dt + sigma dW); each Gaussian diffusion
 * baseline ({@link DiffusionVariant}) with Euler and with DPM-Solver++ at 10 and 20 evaluations
 * ({@link DiffusionSolver}). The diffusion baselines sample from their prior N(0, I), so they apply
 * only to tasks whose source is N(0, I).
 */
public enum FidelityMethod {
    /** Independent CFM, constant noise sigma. */
    ICFM("icfm", List.of("icfm")),
    /** Exact minibatch optimal-transport CFM, constant noise sigma. */
    OTCFM("otcfm", List.of("otcfm")),
    /** Schrodinger-bridge flow: exact OT pairs on a Brownian bridge, velocity and score nets. */
    SF2M("sf2m", List.of("sf2m-ode", "sf2m-sde")),
    /** Score matching, noise network, on linear_vp_sde (beta 0.1 to 20). */
    VPSDE_SCORE(DiffusionVariant.vpsde(Objective.SCORE_MATCHING)),
    /** Flow matching, velocity network, on linear_vp_sde (beta 0.1 to 20). */
    VPSDE_FLOW(DiffusionVariant.vpsde(Objective.FLOW_MATCHING)),
    /** Score matching, noise network, on gvp (s = cos(pi t / 2), sigma = sin(pi t / 2)). */
    GVP_SCORE(DiffusionVariant.gvp(Objective.SCORE_MATCHING)),
    /** Flow matching, velocity network, on gvp. */
    GVP_FLOW(DiffusionVariant.gvp(Objective.FLOW_MATCHING)),
    /** Score matching, noise network, on linear (s = 1 - t, sigma = t). */
    LINEAR_SCORE(DiffusionVariant.linear(Objective.SCORE_MATCHING)),
    /** Flow matching, velocity network, on linear. */
    LINEAR_FLOW(DiffusionVariant.linear(Objective.FLOW_MATCHING));

    /** The name that stands for all six diffusion baselines in {@code --methods}. */
    public static final String DIFFUSION_GROUP = "diffusion";

    /** The id that stands for every method: the flow methods and the diffusion baselines. */
    public static final String ALL = "all";

    /** The tasks the flow and bridge methods run on when none are named. */
    private static final List<FidelityTask> FLOW_TASKS =
            List.of(
                    FidelityTask.GAUSSIAN_TO_8GAUSSIANS,
                    FidelityTask.MOONS_TO_8GAUSSIANS,
                    FidelityTask.GAUSSIAN_TO_MOONS,
                    FidelityTask.GAUSSIAN_TO_SCURVE);

    /** The tasks the diffusion baselines run on when none are named (issue #8). */
    private static final List<FidelityTask> DIFFUSION_TASKS =
            List.of(FidelityTask.GAUSSIAN_TO_MOONS, FidelityTask.GAUSSIAN_TO_SCURVE);

    private final String id;
    private final List<String> rows;
    private final DiffusionVariant diffusion;

    FidelityMethod(String id, List<String> rows) {
        this.id = id;
        this.rows = rows;
        this.diffusion = null;
    }

    FidelityMethod(DiffusionVariant diffusion) {
        this.id = diffusion.id();
        this.rows = diffusion.rows();
        this.diffusion = diffusion;
    }

    public String id() {
        return id;
    }

    /** The result rows this method produces, in order. */
    public List<String> rows() {
        return rows;
    }

    /** True for the Gaussian diffusion baselines. */
    public boolean isDiffusion() {
        return diffusion != null;
    }

    /**
     * True when {@code row} is a result row of a diffusion baseline, e.g. {@code gvp-flow-dpm10}.
     */
    public static boolean isDiffusionRow(String row) {
        return Arrays.stream(values())
                .anyMatch(method -> method.isDiffusion() && method.rows.contains(row));
    }

    /** True when {@code row} is one of this method's rows, or its -bestval or -ema variant. */
    public boolean produces(String row) {
        return rows.contains(FidelityExperiment.baseRow(row));
    }

    /** The path and objective of a diffusion baseline, or null for the flow and bridge methods. */
    DiffusionVariant diffusion() {
        return diffusion;
    }

    /** The tasks this method runs on when {@code --tasks} is not given. */
    public List<FidelityTask> defaultTasks() {
        return isDiffusion() ? DIFFUSION_TASKS : FLOW_TASKS;
    }

    /** Whether this method can be trained on {@code task}: diffusion needs an N(0, I) source. */
    public boolean appliesTo(FidelityTask task) {
        return !isDiffusion() || task.gaussianSource();
    }

    /**
     * Fails unless this method applies to {@code task}.
     *
     * @throws IllegalArgumentException naming the method, the task and the tasks that fit
     */
    public void requireApplicable(FidelityTask task) {
        if (appliesTo(task)) {
            return;
        }
        throw new IllegalArgumentException(
                "fidelity method "
                        + id
                        + " is a diffusion model that samples from its prior N(0, I), but task "
                        + task.id()
                        + " starts from "
                        + task.label().substring(0, task.label().indexOf(" ->"))
                        + "; use it on a task with an N(0, I) source ("
                        + Arrays.stream(FidelityTask.values())
                                .filter(FidelityTask::gaussianSource)
                                .map(FidelityTask::id)
                                .collect(Collectors.joining(", "))
                        + ") or leave out --tasks to run it on "
                        + DIFFUSION_TASKS.stream()
                                .map(FidelityTask::id)
                                .collect(Collectors.joining(" and ")));
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
                                .collect(Collectors.joining(", "))
                        + ", and "
                        + DIFFUSION_GROUP
                        + " for all diffusion methods, or "
                        + ALL
                        + " for every method");
    }

    /**
     * The methods named by {@code ids}, in order and without repeats; {@value #DIFFUSION_GROUP}
     * stands for every diffusion baseline and {@value #ALL} for every method.
     */
    public static List<FidelityMethod> byIds(List<String> ids) {
        Set<FidelityMethod> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (id.trim().equals(ALL)) {
                out.addAll(Arrays.asList(values()));
            } else if (id.trim().equals(DIFFUSION_GROUP)) {
                Arrays.stream(values()).filter(FidelityMethod::isDiffusion).forEach(out::add);
            } else {
                out.add(byId(id));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The methods to train on each task. With {@code named} tasks (in that order) every method runs
     * on every one of them, and a diffusion method on a task without an N(0, I) source is an error;
     * with {@code named} null each method runs on its {@link #defaultTasks}, tasks in {@link
     * FidelityTask} order.
     *
     * @throws IllegalArgumentException for a method that does not apply to a named task
     */
    public static Map<FidelityTask, List<FidelityMethod>> plan(
            List<FidelityMethod> methods, List<FidelityTask> named) {
        Map<FidelityTask, List<FidelityMethod>> plan = new LinkedHashMap<>();
        if (named != null) {
            for (FidelityTask task : new LinkedHashSet<>(named)) {
                methods.forEach(method -> method.requireApplicable(task));
                plan.put(task, List.copyOf(methods));
            }
            return plan;
        }
        for (FidelityTask task : FidelityTask.values()) {
            List<FidelityMethod> onTask =
                    methods.stream().filter(m -> m.defaultTasks().contains(task)).toList();
            if (!onTask.isEmpty()) {
                plan.put(task, onTask);
            }
        }
        return plan;
    }
}
