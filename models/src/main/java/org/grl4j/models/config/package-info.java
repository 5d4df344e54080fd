/**
 * Configuration records read from JSON or YAML with GenerativeRL's keys, so a GenerativeRL user can
 * port a configuration by hand in minutes.
 *
 * <p>{@link org.grl4j.models.config.ConfigLoader} parses a file into a tree and binds it to a
 * {@link org.grl4j.models.config.GenerativeConfig}: one model block ({@link
 * org.grl4j.models.config.DiffusionModelConfig} under {@code diffusion_model}, or {@link
 * org.grl4j.models.config.FlowModelConfig} under {@code flow_model}) and an optional {@link
 * org.grl4j.models.config.TrainingParameters} block under {@code parameter}. A model block holds
 * its path ({@link org.grl4j.models.config.DiffusionPathConfig} or {@link
 * org.grl4j.models.config.FlowPathConfig}) and its network ({@link
 * org.grl4j.models.config.ModelConfig}: a parameterization plus an {@link
 * org.grl4j.models.config.IntrinsicModelConfig} of encoders and a backbone).
 *
 * <p>Everything whose schema belongs to another module (backbones, encoders, solvers) stays a raw
 * {@link org.grl4j.models.config.TypedSpec} {@code {type, args}} here; the module that builds it
 * resolves the type through a {@link org.grl4j.models.registry.TypeRegistry}, which binds the args
 * with the same strict rules. Paths, parameterizations and training settings are validated here, in
 * the records' compact constructors.
 *
 * <p>Every problem is one unchecked {@link org.grl4j.models.config.ConfigException} whose message
 * names the key path (e.g. {@code diffusion_model.path.beta_1}), the value found, what is allowed
 * and how to fix it; syntax errors name the line and column instead.
 */
package org.grl4j.models.config;
