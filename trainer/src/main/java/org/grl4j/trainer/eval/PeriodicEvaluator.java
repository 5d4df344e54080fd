package org.grl4j.trainer.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.grl4j.trainer.train.StepInfo;
import org.grl4j.trainer.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training listener that evaluates named metrics after steps {@code every}, 2 {@code every}, ...
 * (and whenever {@link #evaluate} is called), logs them at INFO and keeps the history. Metrics run
 * between optimizer steps, so they see the weights of the step just completed.
 */
public final class PeriodicEvaluator implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicEvaluator.class);

    /** One evaluation: the step and each metric's value, in the order the metrics were given. */
    public record Evaluation(long step, Map<String, Double> values) {}

    private final int every;
    private final Map<String, DoubleSupplier> metrics;
    private final List<Evaluation> history = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param every evaluate after steps every, 2 every, ...; at least 1
     * @param metrics the metrics by name, evaluated in iteration order
     */
    public PeriodicEvaluator(int every, Map<String, DoubleSupplier> metrics) {
        if (every < 1) {
            throw new IllegalArgumentException(
                    "eval_freq must be at least 1 step, found " + every + "; use e.g. 500");
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException(
                    "PeriodicEvaluator needs at least one metric, e.g. HeldOutLoss or"
                            + " SampleDistance");
        }
        this.every = every;
        this.metrics = new LinkedHashMap<>(metrics);
    }

    @Override
    public void onStep(StepInfo info) {
        if (info.step() % every == 0) {
            evaluate(info.step());
        }
    }

    /** Evaluates every metric now and records the result under {@code step}. */
    public Evaluation evaluate(long step) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, DoubleSupplier> metric : metrics.entrySet()) {
            values.put(metric.getKey(), metric.getValue().getAsDouble());
        }
        Evaluation evaluation = new Evaluation(step, Collections.unmodifiableMap(values));
        history.add(evaluation);
        LOG.info("evaluation at step {}: {}", step, values);
        return evaluation;
    }

    /** Every evaluation so far, oldest first. */
    public List<Evaluation> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }
}
