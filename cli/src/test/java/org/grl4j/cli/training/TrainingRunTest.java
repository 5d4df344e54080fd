package org.grl4j.cli.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.grl4j.trainer.train.TrainingData;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    /** Ten rows of width 2 with values 10 r + k, conditions 100 r and six source rows -r. */
    private static TrainingData tenRows() {
        float[] data = new float[20];
        float[] condition = new float[10];
        for (int r = 0; r < 10; r++) {
            data[2 * r] = 10 * r;
            data[2 * r + 1] = 10 * r + 1;
            condition[r] = 100 * r;
        }
        float[] source = {0, 0, -1, -1, -2, -2, -3, -3, -4, -4, -5, -5};
        return new TrainingData(data, 10, 2, condition, 1, source);
    }

    @Test
    void evenlySpacedRowsCoverTheDataEndToEndWithTheirConditions() {
        TrainingData picked = TrainingRun.evenlySpaced(tenRows(), 4);
        assertEquals(4, picked.rows());
        // Rows floor(i * 10 / 4) = 0, 2, 5, 7.
        assertArrayEquals(new float[] {0, 1, 20, 21, 50, 51, 70, 71}, picked.data());
        assertArrayEquals(new float[] {0, 200, 500, 700}, picked.condition());
        // Source rows floor(i * 6 / 4) = 0, 1, 3, 4.
        assertArrayEquals(new float[] {0, 0, -1, -1, -3, -3, -4, -4}, picked.source());
    }

    @Test
    void dataWithinTheLimitIsUsedAsItIs() {
        TrainingData data = tenRows();
        assertSame(data, TrainingRun.evenlySpaced(data, 10));
    }
}
