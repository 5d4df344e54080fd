package org.grl4j.models.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as a point set: its message names the file, the place (line and
 * column, or byte offset) and the value found, and says what would be accepted.
 */
public final class InvalidDataFileException extends IllegalArgumentException {

    private final transient Path file;

    public InvalidDataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }
}
