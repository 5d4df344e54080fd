package org.grl4j.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.grl4j.trainer.network.IntrinsicModel;

/**
 * A training loss together with the networks it trains. The loss is a scalar float32 array built
 * from the networks' forward passes, so that backpropagation reaches every trainable parameter. All
 * randomness (times, noise, source draws) comes from the generator passed in: the same generator
 * state gives the same loss.
 */
public interface TrainingObjective {

    /** A short name for logs, e.g. {@code score_matching}. */
    String name();

    /**
     * The trained networks by role ({@code model}, or {@code velocity_model} and {@code
     * score_model}), in a fixed order.
     */
    Map<String, IntrinsicModel> networks();

    /** The minibatch loss: per-row 1/2 sum over data dimensions, then the batch mean. */
    NDArray loss(ParameterStore parameterStore, TrainingBatch batch, RandomGenerator random);
}
