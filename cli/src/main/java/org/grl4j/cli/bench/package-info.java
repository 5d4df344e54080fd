/**
 * {@code grl4j bench}: grl4j's ONNX sampler against the same sampling loop on DJL's PyTorch engine,
 * a DJL training step, and the machine's float32 matrix-product ceiling, measured in one run and
 * printed as one table (docs/performance.md explains the figures).
 *
 * <p>{@link org.grl4j.cli.bench.BenchCommand} is the picocli command; it plans the run from a
 * {@link org.grl4j.cli.bench.BenchPlan}, builds the network of the reference shape ({@link
 * org.grl4j.cli.bench.StandardNetwork}: one set of seeded weights as a DJL block and as an exported
 * ONNX file), and measures at each thread count, round-robin ({@link
 * org.grl4j.cli.bench.RoundRobin}) so that load from other processes falls on both engines alike:
 * matrix products ({@link org.grl4j.cli.bench.MatMulCeiling}) and sampling throughput and latency
 * through grl4j's {@link org.grl4j.sampler.Sampler} ({@link org.grl4j.cli.bench.SamplingBench}),
 * whose network is either an {@link org.grl4j.sampler.onnx.OnnxNetwork} or a {@link
 * org.grl4j.trainer.network.DjlBatchNetwork}. Training steps go through the trainer's {@link
 * org.grl4j.trainer.train.Trainer} ({@link org.grl4j.cli.bench.TrainingBench}). {@link
 * org.grl4j.cli.bench.BenchTable} renders the rows with speed-ups against DJL and against {@link
 * org.grl4j.cli.bench.ReferenceFigures} (the PyTorch figures of reference/benchmarks.md). {@link
 * org.grl4j.cli.bench.OnnxExperiments} compares ONNX Runtime settings for the performance notes.
 *
 * <p>Nothing here is a test: the module's tests run {@code bench --quick} on a tiny network and
 * check the table's structure only.
 */
package org.grl4j.cli.bench;
