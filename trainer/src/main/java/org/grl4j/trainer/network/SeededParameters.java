package org.grl4j.trainer.network;

import java.util.random.RandomGenerator;

/**
 * A block that draws its own parameters (other than those of {@link ai.djl.nn.core.Linear}
 * children, which {@link Networks#initialize} draws) from a seeded Java generator, so that the same
 * seed gives the same network on every machine and thread, independently of the engine's random
 * state.
 */
public interface SeededParameters {

    /** Overwrites this block's own parameters with fresh draws from {@code random}. */
    void resetParameters(RandomGenerator random);
}
