package org.grl4j.sampler.sde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowNoiseTest {

    @Test
    void theSameSeedGivesTheSameNumbers() {
        assertArrayEquals(new RowNoise(42, 5).next(3), new RowNoise(42, 5).next(3));
    }

    @Test
    void rowIIsTheIthSplitOfTheSeed() {
        SplittableRandom root = new SplittableRandom(7);
        root.split();
        SplittableRandom second = root.split();

        double[] x = new RowNoise(7, 3).next(2);

        assertEquals(second.nextGaussian(), x[2]);
        assertEquals(second.nextGaussian(), x[3]);
    }

    @Test
    void rowsDoNotDependOnHowManyRowsTheCallHas() {
        double[] small = new RowNoise(3, 4).next(2);
        double[] large = new RowNoise(3, 100).next(2);
        assertArrayEquals(small, Arrays.copyOf(large, small.length));
    }

    @Test
    void differentSeedsAndRowsGiveDifferentNumbers() {
        double[] a = new RowNoise(1, 2).next(2);
        double[] b = new RowNoise(2, 2).next(2);
        assertFalse(Arrays.equals(a, b));
        assertFalse(a[0] == a[2] && a[1] == a[3]);
    }
}
