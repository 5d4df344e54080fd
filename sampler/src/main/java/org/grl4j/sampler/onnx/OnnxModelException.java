package org.grl4j.sampler.onnx;

/**
 * An ONNX model that cannot be loaded or run: a missing or unreadable file, a file that is not an
 * ONNX model, a graph whose inputs and outputs do not match its model card, an execution provider
 * that is not available, or a failure inside ONNX Runtime. The message names the file, what was
 * found, what was expected and how to fix it.
 */
public class OnnxModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OnnxModelException(String message) {
        super(message);
    }

    public OnnxModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
