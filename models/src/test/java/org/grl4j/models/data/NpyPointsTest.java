package org.grl4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixtures were written by NumPy 2.4 ({@code npy/make_fixtures.py}), the reference writer. */
class NpyPointsTest {

    private static final double[] BASE = {-1.5, 0.25, 2.0, -3.0, 1e-3, 4.5};
    private static final double[] INTS = {1, -2, 3, -4, 5, -6};

    @TempDir Path directory;

    private Path fixture(String name) throws IOException {
        Path file = directory.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("npy/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private String readError(String name) throws IOException {
        Path file = fixture(name);
        InvalidDataFileException e =
                assertThrows(InvalidDataFileException.class, () -> NpyPoints.read(file));
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "f8_little.npy",
                "f8_big.npy",
                "f8_fortran.npy",
                "version2.npy",
                "version3.npy"
            })
    void readsFloat64InEveryByteOrderLayoutAndVersion(String name) throws IOException {
        assertEquals(PointSet.of(3, 2, BASE), NpyPoints.read(fixture(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4_little.npy", "f4_big.npy", "f4_big_fortran.npy"})
    void readsFloat32AsTheNearestDoubles(String name) throws IOException {
        double[] expected = new double[BASE.length];
        for (int k = 0; k < BASE.length; k++) {
            expected[k] = (float) BASE[k];
        }
        assertEquals(PointSet.of(3, 2, expected), NpyPoints.read(fixture(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i1.npy", "i2_big.npy", "i4.npy", "i8_big.npy"})
    void convertsSignedIntegers(String name) throws IOException {
        assertEquals(PointSet.of(3, 2, INTS), NpyPoints.read(fixture(name)));
    }

    @Test
    void convertsUnsignedIntegersWithoutWrappingNegative() throws IOException {
        assertEquals(
                PointSet.of(3, 1, new double[] {0, 7, 255}), NpyPoints.read(fixture("u1_1d.npy")));
        assertArrayEquals(new double[] {0, 65535}, NpyPoints.read(fixture("u2.npy")).toArray());
        assertArrayEquals(
                new double[] {4294967295.0, 1}, NpyPoints.read(fixture("u4.npy")).toArray());
        assertArrayEquals(
                new double[] {18446744073709551615.0, 3},
                NpyPoints.read(fixture("u8.npy")).toArray());
    }

    @Test
    void readsAOneDimensionalArrayAsPointsOfDimensionOne() throws IOException {
        assertEquals(
                PointSet.of(3, 1, new double[] {0.5, -0.5, 8}),
                NpyPoints.read(fixture("f8_1d.npy")));
    }

    @Test
    void readsAWideArrayRowMajor() throws IOException {
        PointSet wide = NpyPoints.read(fixture("wide.npy"));

        assertEquals(12, wide.dimension());
        assertEquals(13.0, wide.get(1, 1));
    }

    @Test
    void writesExactlyTheBytesNumPyWrites() throws IOException {
        Path ours = directory.resolve("ours.npy");
        Path ours32 = directory.resolve("ours32.npy");

        NpyPoints.write(ours, PointSet.of(3, 2, BASE));
        NpyPoints.write(ours32, PointSet.of(3, 2, BASE), NpyPoints.Precision.FLOAT32);

        assertArrayEquals(Files.readAllBytes(fixture("f8_little.npy")), Files.readAllBytes(ours));
        assertArrayEquals(Files.readAllBytes(fixture("f4_little.npy")), Files.readAllBytes(ours32));
    }

    @Test
    void writeThenReadRoundTripsAndLeavesNoTemporaryFile() throws IOException {
        PointSet points = Datasets.standardNormal(100, 3, 5);
        Path file = directory.resolve("samples.npy");

        PointFiles.write(file, points);

        assertEquals(points, PointFiles.read(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsABadMagicString() throws IOException {
        assertTrue(
                readError("bad_magic.npy")
                        .endsWith(
                                "does not start with the .npy magic string \\x93NUMPY (found"
                                        + " x,y\\x0a1,); save the array with numpy.save"));
    }

    @Test
    void rejectsAnUnknownFormatVersion() throws IOException {
        assertTrue(
                readError("version9.npy")
                        .endsWith(
                                "has .npy format version 9.0; versions 1.0, 2.0 and 3.0 are"
                                        + " supported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"complex.npy:<c16", "bool.npy:|b1", "half.npy:<f2", "strings.npy:<U2"})
    void rejectsUnsupportedDtypesNamingThem(String nameAndType) throws IOException {
        String[] parts = nameAndType.split(":");

        assertTrue(
                readError(parts[0])
                        .contains("has dtype '" + parts[1] + "'; supported are float32/float64"),
                parts[0]);
    }

    @Test
    void rejectsAStructuredArray() throws IOException {
        assertTrue(readError("structured.npy").contains("holds a structured array"));
    }

    @Test
    void rejectsWrongDimensions() throws IOException {
        assertTrue(
                readError("three_d.npy")
                        .contains(
                                "holds a 3-D array of shape (2, 2, 2); expected 1-D (n,) or 2-D"
                                        + " (n, d)"));
        assertTrue(readError("scalar.npy").contains("holds a 0-D array of shape ()"));
        assertTrue(readError("empty.npy").contains("holds an empty array of shape (0, 2)"));
    }

    @Test
    void rejectsTruncatedDataAndATruncatedHeader() throws IOException {
        assertTrue(
                readError("truncated.npy")
                        .contains(
                                "data is truncated: shape (3, 2) of '<f8' needs 48 bytes after the"
                                        + " header but only 43 remain"));
        assertTrue(readError("header_cut.npy").contains("is truncated: it ends after 40 bytes"));
    }

    @Test
    void rejectsNanAndInfinityWithTheirIndex() throws IOException {
        assertTrue(readError("nan.npy").contains("element [1, 0] (0-based) is NaN"));
        assertTrue(readError("inf_1d.npy").contains("element [2] (0-based) is -Infinity"));
    }

    @Test
    void pointFilesRefusesAnUnknownExtension() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PointFiles.read(directory.resolve("points.parquet")));
        assertTrue(e.getMessage().contains("use a .npy or .csv extension"), e.getMessage());
    }
}
