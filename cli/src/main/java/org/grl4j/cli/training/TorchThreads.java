package org.grl4j.cli.training;

/**
 * Sets how many threads PyTorch (under DJL) uses inside one operation. It must run before DJL's
 * engine starts, which happens on the first NDManager of the process; later calls have no effect.
 *
 * <p>Why the command line defaults to one thread: the networks here are small (2-D data, widths of
 * a few hundred), so an operation takes microseconds and PyTorch's worker threads spend their time
 * spinning at barriers. Measured on a 2-core machine shared with other jobs (load about 6), the
 * demo's network trained at 8.2 steps/s with one thread and 1.0 steps/s with two.
 */
public final class TorchThreads {

    /** The system property DJL's PyTorch engine reads at start-up. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private TorchThreads() {}

    /** Uses {@code threads} intra-op threads unless the property is already set. */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, found " + threads);
        }
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(threads));
        }
    }
}
