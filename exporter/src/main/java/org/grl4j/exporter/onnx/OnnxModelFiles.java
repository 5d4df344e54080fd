package org.grl4j.exporter.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes ONNX model files. A write never leaves a partial file: the bytes go to a
 * temporary file in the target's directory, are forced to disk, and the temporary file is then
 * moved over the target atomically; on any failure the temporary file is deleted and the target is
 * left as it was.
 */
public final class OnnxModelFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelFiles.class);

    private OnnxModelFiles() {}

    /**
     * Writes {@code model} to {@code target} atomically, replacing any existing file.
     *
     * @throws UncheckedIOException naming the path if the directory is missing or not writable, or
     *     the write fails
     */
    public static void write(ModelProto model, Path target) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UncheckedIOException(
                    new IOException(
                            "cannot write ONNX model to "
                                    + absolute
                                    + ": directory "
                                    + directory
                                    + " does not exist; create it or choose another path"));
        }
        Path temporary = createTemporary(directory, absolute);
        try {
            writeAndForce(model, temporary);
            readableByAll(temporary);
            moveIntoPlace(temporary, absolute);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException(
                    new IOException(
                            "writing ONNX model to " + absolute + " failed: " + e.getMessage(), e));
        }
        LOG.info("wrote ONNX model {} ({} bytes)", absolute, model.getSerializedSize());
    }

    /** Serializes {@code model} to bytes, for runtimes that load a model from memory. */
    public static byte[] toBytes(ModelProto model) {
        return model.toByteArray();
    }

    /**
     * Reads an ONNX model file.
     *
     * @throws UncheckedIOException naming the path if it cannot be read or is not an ONNX model
     */
    public static ModelProto read(Path source) {
        try {
            return ModelProto.parseFrom(Files.readAllBytes(source));
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(
                    new IOException(source + " is not an ONNX model file: " + e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    new IOException("cannot read ONNX model " + source + ": " + e, e));
        }
    }

    private static Path createTemporary(Path directory, Path target) {
        try {
            return Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    new IOException(
                            "cannot write ONNX model to "
                                    + target
                                    + ": directory "
                                    + directory
                                    + " is not writable ("
                                    + e
                                    + "); fix its permissions or choose another path",
                            e));
        }
    }

    /**
     * Temporary files are created owner-only (0600); a model file is meant to be copied to and
     * loaded by other users' services, so it gets the usual 0644 where permissions are POSIX.
     */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void writeAndForce(ModelProto model, Path temporary) throws IOException {
        try (FileChannel channel =
                        FileChannel.open(
                                temporary,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(channel)) {
            model.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(
                    temporary,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of "
                            + target
                            + " cannot rename atomically; write the model"
                            + " to a local file system",
                    e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            LOG.warn("could not delete temporary file {}: {}", temporary, e.toString());
        }
    }
}
