package org.grl4j.exporter.block;

/**
 * A block has no ONNX exporter: neither a registered {@link BlockExporter} for its class or a
 * superclass, nor an {@link OnnxExportable} implementation. The message names the block type, where
 * it sits in the network, and how to add an exporter.
 */
public final class UnsupportedBlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedBlockException(String message) {
        super(message);
    }
}
