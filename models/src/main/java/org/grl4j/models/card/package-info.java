/**
 * The model card: what a sampler must know about a frozen network to use it, stored with the
 * network (DESIGN.md section 3.3).
 *
 * <p>{@link org.grl4j.models.card.ModelCard} is the record; it is written into an ONNX file's
 * {@code metadata_props} by the exporter ({@code toMetadata}) and read back by the sampler ({@code
 * fromMetadata}), or read from a sidecar JSON for a network made elsewhere ({@code fromJson}). Its
 * parts are small value types: {@link org.grl4j.models.card.ModelKind} (diffusion, icfm, otcfm,
 * sf2m), {@link org.grl4j.models.card.PathSpec} (path type and parameters), {@link
 * org.grl4j.models.card.TimeConvention} (which end of [0, 1] is the data) and {@link
 * org.grl4j.models.data.Normalization} (the per-dimension affine map applied to the data). The
 * parameterization reuses {@link org.grl4j.models.param.Parameterization}.
 *
 * <p>Reading is strict: an unknown or missing format version, a missing required key, an unknown
 * key, invalid JSON or an out-of-range value raises {@link
 * org.grl4j.models.card.InvalidModelCardException} naming the key, the value found and what is
 * allowed.
 */
package org.grl4j.models.card;
