/**
 * Name-to-factory registries that users extend, the Java counterpart of GenerativeRL's {@code
 * register_module}.
 *
 * <p>A configuration names what to build with a {@link org.grl4j.models.config.TypedSpec} {@code
 * {type, args}} block. The module that builds that kind of thing owns a {@link
 * org.grl4j.models.registry.TypeRegistry} for it (the trainer for backbones and encoders, the
 * sampler for solvers), pre-filled with grl4j's types; users register their own types before
 * loading a configuration, each with a record describing its arguments. {@link
 * org.grl4j.models.registry.TypeRegistry#create} then binds the {@code args} block to that record
 * with the strict rules of {@link org.grl4j.models.config.ConfigLoader} and calls the factory, so
 * an unknown type, an unknown argument or a wrong value is a {@link
 * org.grl4j.models.config.ConfigException} naming the key path.
 */
package org.grl4j.models.registry;
