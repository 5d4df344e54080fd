import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grl4j.cli.fidelity.FidelityTask;
import org.grl4j.models.data.PointSet;

/**
 * Writes the draws of one data seed D of a fidelity task as CSV files (rows "x,y"), from the seeds
 * {@code grl4j fidelity} uses: training targets 1000 D + 1, training sources + 3, test targets + 2,
 * test sources + 4, validation targets + 8 and sources + 9.
 *
 * <p>Usage, from a directory holding grl4j-cli.jar and its lib/: {@code java -cp
 * "grl4j-cli.jar:lib/*" Dump.java moons-8gaussians D OUT_DIR}
 */
public class Dump {

    public static void main(String[] args) throws Exception {
        FidelityTask task = FidelityTask.byId(args[0]);
        long d = Long.parseLong(args[1]);
        Path out = Files.createDirectories(Path.of(args[2]));
        write(task.target(10_000, 1000 * d + 1), out.resolve("train_target.csv"));
        write(task.source(10_000, 1000 * d + 3), out.resolve("train_source.csv"));
        write(task.target(10_000, 1000 * d + 2), out.resolve("test_target.csv"));
        write(task.source(10_000, 1000 * d + 4), out.resolve("test_source.csv"));
        write(task.target(1000, 1000 * d + 8), out.resolve("val_target.csv"));
        write(task.source(1000, 1000 * d + 9), out.resolve("val_source.csv"));
    }

    private static void write(PointSet points, Path file) throws Exception {
        try (PrintWriter writer = new PrintWriter(file.toFile())) {
            for (int i = 0; i < points.size(); i++) {
                writer.println(points.get(i, 0) + "," + points.get(i, 1));
            }
        }
    }
}
