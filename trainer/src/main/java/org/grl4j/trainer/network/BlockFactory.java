package org.grl4j.trainer.network;

import ai.djl.nn.Block;

/** Builds a block from the {@code args} of a {@code {type, args}} configuration entry. */
@FunctionalInterface
public interface BlockFactory {

    /**
     * @param args the entry's arguments; implementations reject unknown keys with {@link
     *     BlockArgs#requireOnly}
     */
    Block create(BlockArgs args);
}
