import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.grl4j.models.data.PointSet;
import org.grl4j.models.metrics.Wasserstein;

/**
 * Prints the exact W2 between a reference CSV file (rows "x,y") and each further one, with the
 * assignment {@code grl4j fidelity} uses.
 *
 * <p>Usage: {@code java -cp "grl4j-cli.jar:lib/*" ExactW2.java REFERENCE.csv SAMPLES.csv...}
 */
public class ExactW2 {

    public static void main(String[] args) throws Exception {
        PointSet reference = read(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            double w2 = Wasserstein.distance(reference, read(Path.of(args[i])));
            System.out.printf("%s %.6f%n", args[i], w2);
        }
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
