package org.grl4j.sampler.onnx;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of one batch on the calling thread and {@code threads - 1} pool threads, which
 * take chunk indices from a shared counter until none are left. The caller always works too, so a
 * call finishes even when the pool is busy with another call's chunks; pool threads never wait on
 * anything, so concurrent calls cannot deadlock. The first exception of any chunk is rethrown to
 * the caller once every started chunk has finished.
 */
final class ChunkRunner implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;

    ChunkRunner(int threads) {
        this.threads = threads;
        int poolId = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory =
                task -> {
                    Thread thread =
                            new Thread(
                                    task,
                                    "grl4j-onnx-" + poolId + "-chunks-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                };
        this.pool = Executors.newFixedThreadPool(threads - 1, factory);
    }

    /** Calls {@code chunk} once for each index in [0, chunks), spread over the threads. */
    void run(int chunks, IntConsumer chunk) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int helpers = Math.min(threads, chunks) - 1;
        CountDownLatch done = new CountDownLatch(helpers);
        for (int i = 0; i < helpers; i++) {
            pool.execute(
                    () -> {
                        try {
                            work(chunks, chunk, next, failure);
                        } finally {
                            done.countDown();
                        }
                    });
        }
        work(chunks, chunk, next, failure);
        awaitHelpers(done);
        rethrow(failure.get());
    }

    private static void work(
            int chunks, IntConsumer chunk, AtomicInteger next, AtomicReference<Throwable> failure) {
        int index;
        while (failure.get() == null && (index = next.getAndIncrement()) < chunks) {
            try {
                chunk.accept(index);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static void awaitHelpers(CountDownLatch done) {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                // The helpers write into the caller's arrays: wait for them before returning.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Stops the pool threads; call when no {@link #run} is in flight. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
