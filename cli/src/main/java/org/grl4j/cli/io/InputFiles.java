package org.grl4j.cli.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.cli.UsageException;
import org.grl4j.models.data.PointFiles;
import org.grl4j.models.data.PointSet;

/** Checks and reads the files a command takes, so that a missing file is a usage error. */
public final class InputFiles {

    private InputFiles() {}

    /**
     * Returns {@code file} if it is a readable regular file.
     *
     * @param what what the file is for, e.g. "model file" or "data file (--data)"
     * @throws UsageException naming the file when it does not exist or is a directory
     */
    public static Path requireFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new UsageException(what + " " + file + " does not exist; check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(what + " " + file + " is not readable; check its permissions");
        }
        return file;
    }

    /** Reads a point file (.csv or .npy by extension) after {@link #requireFile}. */
    public static PointSet readPoints(Path file, String what) {
        return PointFiles.read(requireFile(file, what));
    }
}
