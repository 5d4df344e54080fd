package org.grl4j.trainer.network;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's per-thread switch for recording operations for backpropagation.
 *
 * <p>libtorch keeps the switch per thread and turns it on for every new thread; DJL only turns it
 * off on the thread that loads the engine. Code that evaluates a network outside a gradient
 * collector, or updates weights in place, opens {@link #disabled()} so that it neither builds a
 * graph nor trips PyTorch's check on in-place changes to leaves that require gradients.
 */
public final class GradMode {

    private GradMode() {}

    /** Restores the previous state of the switch when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Turns gradient recording off on this thread until the returned scope is closed. */
    public static Scope disabled() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(previous);
    }
}
