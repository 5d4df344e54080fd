package org.grl4j.cli.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.grl4j.models.network.BatchNetwork;

/**
 * A {@link BatchNetwork} that adds up the wall time spent inside the wrapped network, so that the
 * sampling loop's own cost (the solver's arithmetic, the parameterization conversion and the arrays
 * between steps) is the rest of a sampling call's time.
 */
final class TimedNetwork implements BatchNetwork {

    private final BatchNetwork network;
    private final AtomicLong nanos = new AtomicLong();

    TimedNetwork(BatchNetwork network) {
        this.network = network;
    }

    @Override
    public int xSize() {
        return network.xSize();
    }

    @Override
    public int conditionSize() {
        return network.conditionSize();
    }

    @Override
    public void evaluate(int n, double[] t, double[] x, double[] condition, double[] out) {
        long start = System.nanoTime();
        network.evaluate(n, t, x, condition, out);
        nanos.addAndGet(System.nanoTime() - start);
    }

    /** The time spent inside the network since the last call, and restarts the count. */
    long takeNanos() {
        return nanos.getAndSet(0);
    }
}
