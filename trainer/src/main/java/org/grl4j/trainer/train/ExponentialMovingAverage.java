package org.grl4j.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.grl4j.trainer.network.GradMode;

/**
 * An exponential moving average of the weights, updated after every optimizer step: ema = decay *
 * ema + (1 - decay) * p, starting from the initial weights. Covers every parameter, frozen ones
 * included (they simply stay equal).
 */
final class ExponentialMovingAverage implements AutoCloseable {

    private final double decay;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> averages = new LinkedHashMap<>();
    private final NDManager manager;

    ExponentialMovingAverage(double decay, Map<String, Parameter> parameters, NDManager parent) {
        this.decay = decay;
        this.parameters = parameters;
        this.manager = parent.newSubManager();
        try (GradMode.Scope ignored = GradMode.disabled()) {
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray copy = entry.getValue().getArray().duplicate();
                copy.attach(manager);
                averages.put(entry.getKey(), copy);
            }
        }
    }

    Map<String, NDArray> averages() {
        return averages;
    }

    void update() {
        try (GradMode.Scope ignored = GradMode.disabled();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                averages.get(entry.getKey())
                        .muli((float) decay)
                        .addi(entry.getValue().getArray().mul((float) (1 - decay)));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
