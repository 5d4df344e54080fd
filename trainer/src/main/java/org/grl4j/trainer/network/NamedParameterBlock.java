package org.grl4j.trainer.network;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A block that names its parameters the way GenerativeRL's PyTorch {@code state_dict} does (for
 * example {@code first_block.dense1.0.weight}), so that exporters and checkpoint converters can
 * address every weight by a stable name that does not depend on DJL's child numbering.
 *
 * <p>Linear weights keep DJL's layout {@code [out, in]}, which is also PyTorch's.
 */
public interface NamedParameterBlock {

    /**
     * Adds every parameter of this block, in forward order, to {@code out} under {@code prefix +
     * name}.
     */
    void collectNamedParameters(String prefix, Map<String, Parameter> out);
}
