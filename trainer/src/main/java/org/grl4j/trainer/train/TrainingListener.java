package org.grl4j.trainer.train;

/**
 * Called on the training thread after every step, between updates: a listener may evaluate the
 * networks (held-out loss, W2 of samples) or call {@link Trainer#requestStop()}.
 */
@FunctionalInterface
public interface TrainingListener {

    void onStep(StepInfo info);
}
