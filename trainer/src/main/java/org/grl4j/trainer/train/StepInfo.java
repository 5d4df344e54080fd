package org.grl4j.trainer.train;

/**
 * What a listener learns after each optimizer step.
 *
 * @param step the number of steps completed (1 after the first)
 * @param loss the minibatch loss of this step
 * @param learningRate the rate this step used
 * @param gradientNorm the global L2 norm of the gradient before clipping
 * @param stepsPerSecond the throughput since the last log line
 */
public record StepInfo(
        long step, double loss, double learningRate, double gradientNorm, double stepsPerSecond) {}
