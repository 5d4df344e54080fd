package org.grl4j.cli.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes for the command's outputs: the bytes go to a temporary file in the target's
 * directory, which is then moved over the target in one step, so a reader (or a crash) never sees a
 * half-written file. Parent directories are created.
 */
public final class OutputFiles {

    private OutputFiles() {}

    /** Something that writes a file at a given path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code file} atomically. */
    public static void writeString(Path file, String text) {
        write(file, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /** Lets {@code writer} fill a temporary file, then moves it over {@code file}. */
    public static void write(Path file, Writer writer) {
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary =
                    Files.createTempFile(
                            target.getParent(), "." + target.getFileName().toString(), ".tmp");
            writer.write(temporary);
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The temporary file is hidden and harmless; the original error matters more.
        }
    }
}
