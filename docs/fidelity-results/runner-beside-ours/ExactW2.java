import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;

/**
 * Writes the exact W2 between a reference CSV file (rows "x,y") and each further one, with the
 * assignment {@code grl4j fidelity} uses, as rows "file,w2" of a CSV file (replaced atomically).
 *
 * <p>Usage: {@code java -cp "grl4j-cli.jar:lib/*" ExactW2.java OUT.csv REFERENCE.csv
 * SAMPLES.csv...}
 */
public class ExactW2 {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        PointSet reference = read(Path.of(args[1]));
        StringBuilder rows = new StringBuilder("file,w2\n");
        for (int i = 2; i < args.length; i++) {
            double w2 = Wasserstein.distance(reference, read(Path.of(args[i])));
            rows.append(args[i]).append(',').append(String.format("%.6f", w2)).append('\n');
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        Files.writeString(partial, rows);
        Files.move(
                partial,
                out,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static PointSet read(Path file) throws Exception {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                String[] cells = line.split(",");
                rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1])});
            }
        }
        return PointSet.ofRows(rows.toArray(new double[0][]));
    }
}
