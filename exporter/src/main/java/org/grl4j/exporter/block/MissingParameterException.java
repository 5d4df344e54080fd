package org.grl4j.exporter.block;

/**
 * A block's parameter has no value to freeze (the block was never initialized or trained parameters
 * were not loaded), or does not have the shape its exporter needs. The message names the block's
 * place in the network and the parameter.
 */
public final class MissingParameterException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MissingParameterException(String message) {
        super(message);
    }
}
