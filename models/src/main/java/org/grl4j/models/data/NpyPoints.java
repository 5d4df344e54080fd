package org.grl4j.models.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes point sets in NumPy's {@code .npy} format (format versions 1.0, 2.0 and 3.0).
 *
 * <p>File layout: the magic string {@code \x93NUMPY}, a major and a minor version byte, the header
 * length (2 bytes little-endian in version 1, 4 bytes in versions 2 and 3), then the header: a
 * Python dict literal such as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (100, 2), }}
 * (ASCII, or UTF-8 in version 3), padded with spaces to a multiple of 64 bytes and ended by a
 * newline. The raw array data follows.
 *
 * <p>Reading accepts shapes {@code (n,)} (n points of dimension 1) and {@code (n, d)}; C order
 * (row-major) and Fortran order (column-major); little- and big-endian float32 and float64, and
 * signed or unsigned integers of 1, 2, 4 or 8 bytes, all converted to double (unsigned 64-bit
 * values above 2^53 round, as NumPy's own conversion does). NaN and infinite values are rejected
 * with their 0-based index, as NumPy prints it.
 *
 * <p>Writing produces a version 1.0 file, C order, little-endian float64 (exact) or float32 (the
 * ONNX Runtime precision), renamed into place atomically.
 *
 * <p>Hand-written because the one maintained JVM library on Maven Central (org.jetbrains.bio:npy)
 * brings the Kotlin standard library into every service that embeds the sampler, and its errors
 * would not name the row, column and fix as ours must.
 */
public final class NpyPoints {

    /** Element type of a written file. */
    public enum Precision {
        /** {@code <f4}: 4 bytes per value, what ONNX Runtime consumes. */
        FLOAT32,
        /** {@code <f8}: 8 bytes per value, exact. */
        FLOAT64
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = entry("descr", "'([^']*)'|\"([^\"]*)\"");
    private static final Pattern FORTRAN = entry("fortran_order", "(True|False)");
    private static final Pattern SHAPE = entry("shape", "\\(([^)]*)\\)");
    private static final Pattern STRUCTURED = entry("descr", "\\[");
    private static final String SUPPORTED =
            "float32/float64 or (u)int8/16/32/64, little- or big-endian ('<f8', '>f4', '<i8', '|u1'"
                    + " ...)";

    private NpyPoints() {}

    private static Pattern entry(String key, String value) {
        return Pattern.compile("['\"]" + key + "['\"]\\s*:\\s*(?:" + value + ")");
    }

    /**
     * Reads a 1-D or 2-D {@code .npy} array as a point set.
     *
     * @throws InvalidDataFileException for a bad magic string or version, an unreadable header, an
     *     unsupported dtype, a shape that is not 1-D or 2-D, missing data bytes, or a NaN or
     *     infinite value
     * @throws UncheckedIOException if the file cannot be read
     */
    public static PointSet read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, channel);
            ByteBuffer data = readData(file, channel, header);
            double[] values = decode(header, data);
            checkFinite(file, header, values);
            return PointSet.wrap(header.rows, header.columns, values);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parsed header: element type, layout and shape as a point set. */
    private record Header(
            ByteOrder order,
            char kind,
            int itemSize,
            String descr,
            boolean fortranOrder,
            int rows,
            int columns,
            int arrayRank,
            long dataOffset) {}

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        ByteBuffer prefix = readExactly(file, channel, 0, 10, "the 10-byte prefix");
        byte[] magic = new byte[6];
        prefix.get(magic);
        for (int k = 0; k < MAGIC.length; k++) {
            if (magic[k] != MAGIC[k]) {
                throw new InvalidDataFileException(
                        file,
                        "does not start with the .npy magic string \\x93NUMPY (found "
                                + printable(magic)
                                + "); save the array with numpy.save");
            }
        }
        int major = prefix.get() & 0xff;
        int minor = prefix.get() & 0xff;
        long headerLength;
        long headerStart;
        if (major == 1) {
            headerLength = prefix.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            ByteBuffer length = readExactly(file, channel, 8, 4, "the header length");
            headerLength = length.order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new InvalidDataFileException(
                    file,
                    "has .npy format version "
                            + major
                            + "."
                            + minor
                            + "; versions 1.0, 2.0 and 3.0 are supported");
        }
        if (headerLength > 1 << 24) {
            throw new InvalidDataFileException(
                    file, "declares a header of " + headerLength + " bytes; the file is corrupt");
        }
        ByteBuffer text = readExactly(file, channel, headerStart, (int) headerLength, "the header");
        String dict =
                new String(
                        text.array(),
                        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(file, dict, headerStart + headerLength);
    }

    private static Header parseHeader(Path file, String dict, long dataOffset) {
        if (STRUCTURED.matcher(dict).find()) {
            throw new InvalidDataFileException(
                    file,
                    "holds a structured array (header "
                            + dict.strip()
                            + "); save a plain numeric array, e.g. numpy.save(path,"
                            + " structured_to_unstructured(a))");
        }
        Matcher descr = require(file, DESCR, dict, "descr");
        String type = descr.group(1) != null ? descr.group(1) : descr.group(2);
        boolean fortran = require(file, FORTRAN, dict, "fortran_order").group(1).equals("True");
        long[] shape = parseShape(file, require(file, SHAPE, dict, "shape").group(1));
        return header(file, type, fortran, shape, dataOffset);
    }

    private static Matcher require(Path file, Pattern pattern, String dict, String key) {
        Matcher matcher = pattern.matcher(dict);
        if (!matcher.find()) {
            throw new InvalidDataFileException(
                    file,
                    "header "
                            + dict.strip()
                            + " has no readable '"
                            + key
                            + "' entry; the file is not a valid .npy file");
        }
        return matcher;
    }

    private static long[] parseShape(Path file, String tuple) {
        List<Long> dims = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String trimmed = part.strip();
            if (trimmed.endsWith("L")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                throw new InvalidDataFileException(
                        file, "shape (" + tuple + ") holds '" + trimmed + "', not an integer");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static Header header(
            Path file, String type, boolean fortran, long[] shape, long dataOffset) {
        if (type.length() < 3 || "<>|=".indexOf(type.charAt(0)) < 0) {
            throw new InvalidDataFileException(
                    file, "has dtype '" + type + "'; supported are " + SUPPORTED);
        }
        ByteOrder order = type.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = type.charAt(1);
        int size = parseItemSize(type);
        boolean supported =
                (kind == 'f' && (size == 4 || size == 8))
                        || ((kind == 'i' || kind == 'u')
                                && (size == 1 || size == 2 || size == 4 || size == 8));
        if (!supported) {
            throw new InvalidDataFileException(
                    file, "has dtype '" + type + "'; supported are " + SUPPORTED);
        }
        if (shape.length != 1 && shape.length != 2) {
            throw new InvalidDataFileException(
                    file,
                    "holds a "
                            + shape.length
                            + "-D array of shape "
                            + shapeText(shape)
                            + "; expected 1-D (n,) or 2-D (n, d): reshape it to (n, d) before"
                            + " saving");
        }
        long rows = shape[0];
        long columns = shape.length == 2 ? shape[1] : 1;
        if (rows < 1 || columns < 1) {
            throw new InvalidDataFileException(
                    file,
                    "holds an empty array of shape " + shapeText(shape) + "; it has no points");
        }
        if (rows * columns > Integer.MAX_VALUE - 8) {
            throw new InvalidDataFileException(
                    file,
                    "holds "
                            + rows * columns
                            + " values (shape "
                            + shapeText(shape)
                            + "); at most 2^31 - 9 fit in one point set: split the file");
        }
        return new Header(
                order,
                kind,
                size,
                type,
                fortran,
                (int) rows,
                (int) columns,
                shape.length,
                dataOffset);
    }

    private static int parseItemSize(String type) {
        try {
            return Integer.parseInt(type.substring(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ByteBuffer readData(Path file, FileChannel channel, Header header)
            throws IOException {
        long needed = (long) header.rows * header.columns * header.itemSize;
        long available = channel.size() - header.dataOffset;
        if (available < needed) {
            throw new InvalidDataFileException(
                    file,
                    "data is truncated: shape "
                            + shapeText(header)
                            + " of '"
                            + header.descr
                            + "' needs "
                            + needed
                            + " bytes after the header but only "
                            + Math.max(0, available)
                            + " remain; the file was cut short, save it again");
        }
        if (needed > Integer.MAX_VALUE - 8) {
            throw new InvalidDataFileException(
                    file, "data is " + needed + " bytes; at most 2 GiB can be read at once");
        }
        return readExactly(file, channel, header.dataOffset, (int) needed, "the data")
                .order(header.order);
    }

    private static ByteBuffer readExactly(
            Path file, FileChannel channel, long position, int length, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new InvalidDataFileException(
                        file,
                        "is truncated: it ends after "
                                + (position + buffer.position())
                                + " bytes, inside "
                                + what
                                + " (which needs "
                                + length
                                + " bytes from offset "
                                + position
                                + ")");
            }
        }
        return buffer.flip();
    }

    /** Decodes the data into row-major doubles, transposing a Fortran-order array. */
    private static double[] decode(Header header, ByteBuffer data) {
        int n = header.rows;
        int d = header.columns;
        double[] values = new double[n * d];
        for (int k = 0; k < values.length; k++) {
            double value = element(header, data, k);
            int target = header.fortranOrder ? (k % n) * d + k / n : k;
            values[target] = value;
        }
        return values;
    }

    private static double element(Header header, ByteBuffer data, int k) {
        int at = k * header.itemSize;
        return switch (header.kind) {
            case 'f' -> header.itemSize == 4 ? data.getFloat(at) : data.getDouble(at);
            case 'i' -> signed(header.itemSize, data, at);
            default -> unsigned(header.itemSize, data, at);
        };
    }

    private static double signed(int size, ByteBuffer data, int at) {
        return switch (size) {
            case 1 -> data.get(at);
            case 2 -> data.getShort(at);
            case 4 -> data.getInt(at);
            default -> data.getLong(at);
        };
    }

    private static double unsigned(int size, ByteBuffer data, int at) {
        return switch (size) {
            case 1 -> data.get(at) & 0xff;
            case 2 -> data.getShort(at) & 0xffff;
            case 4 -> data.getInt(at) & 0xffffffffL;
            default -> unsignedLongToDouble(data.getLong(at));
        };
    }

    private static double unsignedLongToDouble(long bits) {
        double value = (double) (bits >>> 1) * 2.0;
        return value + (bits & 1);
    }

    private static void checkFinite(Path file, Header header, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                int row = k / header.columns;
                int column = k % header.columns;
                String index =
                        header.arrayRank == 1 ? "[" + row + "]" : "[" + row + ", " + column + "]";
                throw new InvalidDataFileException(
                        file,
                        "element "
                                + index
                                + " (0-based) is "
                                + values[k]
                                + "; only finite values are allowed: drop or impute those rows");
            }
        }
    }

    private static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            text.append(shape[k]).append(k == 0 && shape.length == 1 ? "," : "");
            if (k < shape.length - 1) {
                text.append(", ");
            }
        }
        return text.append(')').toString();
    }

    private static String shapeText(Header header) {
        return header.arrayRank == 1
                ? "(" + header.rows + ",)"
                : "(" + header.rows + ", " + header.columns + ")";
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(
                    b >= 0x20 && b < 0x7f
                            ? String.valueOf((char) b)
                            : String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }

    /** Writes {@code points} as little-endian float64, atomically. */
    public static void write(Path file, PointSet points) {
        write(file, points, Precision.FLOAT64);
    }

    /**
     * Writes {@code points} as a 2-D C-order array {@code (n, d)} of the given precision in a
     * version 1.0 file. The file appears complete or not at all: it is written to a temporary file
     * in the same directory and then renamed over {@code file}.
     */
    public static void write(Path file, PointSet points, Precision precision) {
        byte[] header = headerBytes(points, precision);
        double[] values = points.toArray();
        int itemSize = precision == Precision.FLOAT32 ? 4 : 8;
        ByteBuffer data =
                ByteBuffer.allocate(Math.multiplyExact(values.length, itemSize))
                        .order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (precision == Precision.FLOAT32) {
                data.putFloat((float) value);
            } else {
                data.putDouble(value);
            }
        }
        AtomicFiles.write(
                file,
                out -> {
                    out.write(header);
                    out.write(data.array());
                });
    }

    private static byte[] headerBytes(PointSet points, Precision precision) {
        String dict =
                "{'descr': '"
                        + (precision == Precision.FLOAT32 ? "<f4" : "<f8")
                        + "', 'fortran_order': False, 'shape': ("
                        + points.size()
                        + ", "
                        + points.dimension()
                        + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer header =
                ByteBuffer.allocate(MAGIC.length + 4 + text.length())
                        .order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        header.put(text.getBytes(StandardCharsets.US_ASCII));
        return header.array();
    }
}
