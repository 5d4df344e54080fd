package org.grl4j.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.grl4j.trainer.network.GradMode;

/**
 * Adam and AdamW as given in {@link OptimizerConfig}, on float32 arrays updated in place, with the
 * moments exposed for checkpoints. Written here rather than taken from DJL because DJL's optimizers
 * keep their moments private, so a run could not resume with its optimizer state.
 */
final class AdamOptimizer implements AutoCloseable {

    private final OptimizerConfig config;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final NDManager manager;
    private long steps;

    AdamOptimizer(OptimizerConfig config, Map<String, Parameter> parameters, NDManager parent) {
        this.config = config;
        this.parameters = parameters;
        this.manager = parent.newSubManager();
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray value = entry.getValue().getArray();
            firstMoments.put(entry.getKey(), manager.zeros(value.getShape(), value.getDataType()));
            secondMoments.put(entry.getKey(), manager.zeros(value.getShape(), value.getDataType()));
        }
    }

    /** The number of updates taken so far (k of the last update). */
    long steps() {
        return steps;
    }

    Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /** Restores the update count (the moments are restored in place by the caller). */
    void restoreSteps(long restored) {
        this.steps = restored;
    }

    /**
     * One update of every parameter from its gradient times {@code gradientScale} (the clipping
     * factor, 1 when not clipping).
     */
    void update(Map<String, NDArray> gradients, double learningRate, double gradientScale) {
        steps++;
        float beta1 = (float) config.beta1();
        float beta2 = (float) config.beta2();
        double correction1 = 1 - Math.pow(config.beta1(), steps);
        double correction2 = 1 - Math.pow(config.beta2(), steps);
        float stepSize = (float) (learningRate / correction1);
        float decay = (float) config.weightDecay();
        boolean decoupled = config.type() == OptimizerConfig.Type.ADAMW;

        try (GradMode.Scope ignored = GradMode.disabled();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray p = entry.getValue().getArray();
                NDArray g = gradients.get(entry.getKey());
                if (gradientScale != 1.0) {
                    g = g.mul((float) gradientScale);
                }
                if (decay != 0 && !decoupled) {
                    g = g.add(p.mul(decay));
                }
                if (decay != 0 && decoupled) {
                    p.muli((float) (1 - learningRate * config.weightDecay()));
                }
                NDArray m = firstMoments.get(entry.getKey());
                NDArray v = secondMoments.get(entry.getKey());
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denominator =
                        v.sqrt()
                                .divi((float) Math.sqrt(correction2))
                                .addi((float) config.epsilon());
                p.subi(m.div(denominator).muli(stepSize));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
