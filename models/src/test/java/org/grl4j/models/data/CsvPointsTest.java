package org.grl4j.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvPointsTest {

    @TempDir Path directory;

    private Path file(String content) throws IOException {
        Path file = directory.resolve("points.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String readError(String content) throws IOException {
        Path file = file(content);
        InvalidDataFileException e =
                assertThrows(InvalidDataFileException.class, () -> CsvPoints.read(file));
        assertEquals(file, e.file());
        return e.getMessage();
    }

    @Test
    void readsNumbersWithSpacesBlankLinesAndCrLf() throws IOException {
        PointSet points = CsvPoints.read(file(" 1.5, -2\r\n\r\n3e-2 ,.5\r\n-0.0,+7\n"));

        assertEquals(PointSet.of(3, 2, new double[] {1.5, -2, 0.03, 0.5, -0.0, 7}), points);
    }

    @Test
    void detectsAHeaderOfNamesAndSkipsIt() throws IOException {
        PointSet points = CsvPoints.read(file("\uFEFF\"x\",y\n1,2\n3,4\n"));

        assertEquals(PointSet.of(2, 2, new double[] {1, 2, 3, 4}), points);
    }

    @Test
    void headerFlagOverridesDetection() throws IOException {
        Path file = file("1,2\n3,4\n");

        assertEquals(2, CsvPoints.read(file, CsvPoints.Header.ABSENT).size());
        assertEquals(1, CsvPoints.read(file, CsvPoints.Header.PRESENT).size());
    }

    @Test
    void writeThenReadGivesTheSameDoublesBitForBit() throws IOException {
        PointSet points = Datasets.swissRoll(200, 3);
        Path file = directory.resolve("out/samples.csv");

        CsvPoints.write(file, points, List.of("x", "y"));

        assertEquals(points, CsvPoints.read(file));
        assertTrue(Files.readString(file).startsWith("x,y\n"));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = file("old content\n");

        CsvPoints.write(file, PointSet.of(1, 2, new double[] {1, 2}));

        assertEquals("1.0,2.0\n", Files.readString(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsANonNumericCellWithItsLineAndColumn() throws IOException {
        String message = readError("x,y\n1,2\n3,abc\n");

        assertTrue(
                message.endsWith(
                        "line 3, column 2 is 'abc', not a number; expected a decimal such as"
                                + " -1.25 or 3e-2"),
                message);
    }

    @Test
    void rejectsJavaOnlyNumberSyntax() throws IOException {
        String message = readError("1,2\n3,0x1p3\n");

        assertTrue(message.contains("line 2, column 2 is '0x1p3', not a number"), message);
    }

    @Test
    void rejectsARaggedRowNamingTheExpectedWidth() throws IOException {
        String message = readError("1,2\n3,4\n5,6,7\n");

        assertTrue(
                message.endsWith(
                        "line 3 has 3 columns but the first data row (line 1) has 2; every row"
                                + " needs the same number of comma-separated values"),
                message);
    }

    @Test
    void rejectsNanWithItsLineAndColumn() throws IOException {
        String message = readError("1,2\nnan,4\n");

        assertTrue(message.contains("line 2, column 1 is 'nan' (NaN or infinite)"), message);
    }

    @Test
    void rejectsInfinityAndOverflow() throws IOException {
        assertTrue(readError("1,-Infinity\n").contains("line 1, column 2 is '-Infinity'"));
        assertTrue(readError("1,1e400\n").contains("'1e400', which overflows a double"));
    }

    @Test
    void rejectsAnEmptyCell() throws IOException {
        String message = readError("1,2\n3,\n");

        assertTrue(message.contains("line 2, column 2 is empty"), message);
    }

    @Test
    void rejectsAnEmptyFileAndAHeaderWithoutData() throws IOException {
        assertTrue(
                readError("")
                        .endsWith(
                                "is empty; expected comma-separated numbers, one point"
                                        + " per line"));
        assertTrue(readError("\n  \n").contains("is empty"));
        assertTrue(readError("x,y\n").endsWith("has a header line but no data rows"));
    }

    @Test
    void rejectsAHeaderWhoseWidthDiffersFromTheData() throws IOException {
        String message = readError("x,y,z\n1,2\n");

        assertTrue(message.contains("header (line 1) names 3 columns but line 2 has 2"), message);
    }

    @Test
    void rejectsHeaderNamesItCouldNotWriteBack() {
        PointSet points = PointSet.of(1, 2, new double[] {1, 2});
        Path file = directory.resolve("bad.csv");

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CsvPoints.write(file, points, List.of("a,b", "c")));
        assertTrue(e.getMessage().contains("column name 'a,b'"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> CsvPoints.write(file, points, List.of("x")));
        assertTrue(Files.notExists(file));
    }
}
