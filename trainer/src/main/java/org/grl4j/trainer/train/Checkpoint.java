package org.grl4j.trainer.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: the step reached, the seed, the optimizer's update count, free-form
 * metadata and named float32 tensors (weights {@code param/<role>/<name>}, Adam moments {@code
 * adam.m/...} and {@code adam.v/...}, EMA weights {@code ema/...}).
 *
 * <p>The random state needs no tensors: every step draws from a generator derived from (seed,
 * step), so (seed, step) is the whole random state. Files are written to a temporary name in the
 * same directory, flushed to disk and moved over the old checkpoint atomically, so a crash leaves
 * either the old or the new file, never a partial one.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): the magic {@code GRL4J-CHECKPOINT}, version 1,
 * step, seed, optimizer steps, metadata (UTF), the tensor count, then per tensor its name (UTF),
 * rank, dimensions (longs), element count and the floats.
 */
public record Checkpoint(
        long step, long seed, long optimizerSteps, String metadata, Map<String, Tensor> tensors) {

    /** The file name used inside a checkpoint directory. */
    public static final String FILE_NAME = "checkpoint.grl4j";

    private static final String MAGIC = "GRL4J-CHECKPOINT";
    private static final int VERSION = 1;

    /** A named float32 array with its shape. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (size != values.length) {
                throw new IllegalArgumentException(
                        "tensor shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + size
                                + " values, got "
                                + values.length);
            }
        }
    }

    /** Copies the tensor map so that later changes do not leak in. */
    public Checkpoint {
        tensors = new LinkedHashMap<>(tensors);
        metadata = metadata == null ? "" : metadata;
    }

    /** Writes atomically: temporary file in the same directory, fsync, atomic move. */
    public void write(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile());
                    DataOutputStream out =
                            new DataOutputStream(new BufferedOutputStream(stream, 1 << 16))) {
                writeTo(out);
                out.flush();
                stream.getFD().sync();
            }
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException(
                    "Could not write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(step);
        out.writeLong(seed);
        out.writeLong(optimizerSteps);
        out.writeUTF(metadata);
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            out.writeUTF(entry.getKey());
            long[] shape = entry.getValue().shape();
            out.writeInt(shape.length);
            for (long dimension : shape) {
                out.writeLong(dimension);
            }
            float[] values = entry.getValue().values();
            out.writeInt(values.length);
            for (float value : values) {
                out.writeFloat(value);
            }
        }
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static Checkpoint read(Path file) {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            String magic = in.readUTF();
            int version = in.readInt();
            if (!MAGIC.equals(magic) || version != VERSION) {
                throw new IllegalArgumentException(
                        "File "
                                + file
                                + " is not a grl4j checkpoint of version "
                                + VERSION
                                + " (found '"
                                + magic
                                + "' version "
                                + version
                                + ")");
            }
            long step = in.readLong();
            long seed = in.readLong();
            long optimizerSteps = in.readLong();
            String metadata = in.readUTF();
            int count = in.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = in.readLong();
                }
                float[] values = new float[in.readInt()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = in.readFloat();
                }
                tensors.put(name, new Tensor(shape, values));
            }
            return new Checkpoint(step, seed, optimizerSteps, metadata, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // The original failure is the one worth reporting.
            }
        }
    }
}
