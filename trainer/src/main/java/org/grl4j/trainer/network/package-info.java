/**
 * The networks of grl4j as DJL blocks (PyTorch engine), with GenerativeRL's topologies, weight
 * shapes, default initialization and parameter names.
 *
 * <p>{@link org.grl4j.trainer.network.IntrinsicModel} is what every generative model trains: h(t,
 * x, c) = backbone(tEncoder(t), x[, conditionEncoder(c)]), inputs {@code t [N]}, {@code x [N, D]},
 * {@code condition [N, C]}, output {@code [N, D]}. The time encoder is usually {@link
 * org.grl4j.trainer.network.GaussianFourierTimeEncoder}; backbones are {@link
 * org.grl4j.trainer.network.TemporalSpatialResidualNet} (built from {@link
 * org.grl4j.trainer.network.TemporalSpatialResBlock}s) or {@link
 * org.grl4j.trainer.network.ConcatenateMlp} around a {@link
 * org.grl4j.trainer.network.MultiLayerPerceptron}. Each block documents its exact formula and
 * exposes its sub-blocks through typed getters, so an exporter can walk the tree and rebuild every
 * operation; {@link org.grl4j.trainer.network.Networks#namedParameters} lists all weights under
 * GenerativeRL's PyTorch {@code state_dict} names.
 *
 * <p>{@link org.grl4j.trainer.network.NetworkRegistry} resolves a configuration's {@code {type,
 * args}} entries through the models module's type registries and takes user blocks, like
 * GenerativeRL's {@code register_module}. {@link org.grl4j.trainer.network.Networks#initialize}
 * draws every weight from one seeded Java generator (PyTorch's default distributions), so a seed
 * fixes a network independently of the engine's random state. All arrays are float32.
 */
package org.grl4j.trainer.network;
