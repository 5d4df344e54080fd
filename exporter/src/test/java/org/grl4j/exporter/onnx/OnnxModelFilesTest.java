package org.grl4j.exporter.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.grl4j.exporter.onnx.proto.OnnxProtos.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelFilesTest {

    @TempDir Path directory;

    private static ModelProto model(String metadataValue) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("file");
        g.output("y", g.relu(g.input("x", Value.BATCH, 2)));
        return g.build(Map.of("grl4j.format", metadataValue));
    }

    @Test
    void writtenModelReadsBackIdenticallyAndLeavesNoTemporaryFile() throws IOException {
        Path target = directory.resolve("model.onnx");
        ModelProto model = model("1");

        OnnxModelFiles.write(model, target);

        assertEquals(model, OnnxModelFiles.read(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void writtenModelIsReadableByOtherUsers() throws IOException {
        Path target = directory.resolve("shared.onnx");
        assumeTrue(
                Files.getFileStore(directory)
                        .supportsFileAttributeView(PosixFileAttributeView.class),
                "POSIX permissions");

        OnnxModelFiles.write(model("1"), target);

        assertEquals(
                "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void writeReplacesAnExistingFileWhole() {
        Path target = directory.resolve("model.onnx");
        OnnxModelFiles.write(model("old"), target);

        OnnxModelFiles.write(model("new"), target);

        assertEquals("new", OnnxModelFiles.read(target).getMetadataProps(0).getValue());
    }

    @Test
    void missingDirectoryIsNamedInTheError() {
        Path target = directory.resolve("absent/model.onnx");
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class, () -> OnnxModelFiles.write(model("1"), target));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(target.getParent().toString()), e.getMessage());
    }

    @Test
    void failedMoveLeavesNeitherTemporaryNorPartialFile() throws IOException {
        // A non-empty directory cannot be replaced by a file: the final move fails.
        Path target = directory.resolve("model.onnx");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");

        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class, () -> OnnxModelFiles.write(model("1"), target));

        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals(List.of(target), listing());
        assertTrue(Files.isDirectory(target));
    }

    @Test
    void unwritableDirectoryIsNamedInTheError() {
        // Root ignores permission bits, so use a directory no process may create files in.
        Path readOnly = Path.of("/proc");
        assumeTrue(Files.isDirectory(readOnly), "needs Linux /proc");
        Path target = readOnly.resolve("model.onnx");

        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class, () -> OnnxModelFiles.write(model("1"), target));

        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        assertTrue(Files.notExists(target));
    }

    @Test
    void readingAFileThatIsNotAModelSaysSo() throws IOException {
        Path junk = directory.resolve("junk.onnx");
        Files.write(junk, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> OnnxModelFiles.read(junk));
        assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
