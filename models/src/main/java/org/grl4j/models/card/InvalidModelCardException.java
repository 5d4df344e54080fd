package org.grl4j.models.card;

/**
 * A model card that cannot be read: a missing or unknown format version, a missing required key, a
 * value that is not valid JSON, or a value out of range. The message names the key, the value
 * found, what is allowed and how to fix it.
 */
public class InvalidModelCardException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidModelCardException(String message) {
        super(message);
    }

    public InvalidModelCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
