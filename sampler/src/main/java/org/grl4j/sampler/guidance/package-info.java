/**
 * Steering a model while it samples: {@link org.grl4j.sampler.guidance.GuidedModel} mixes the
 * drifts of a base and a guided model, (1 - w) base + w guided (GenerativeRL's guided diffusion and
 * flow models; classifier-free guidance with an unconditional base), and {@link
 * org.grl4j.sampler.guidance.Inpainting} keeps masked coordinates fixed while the others are
 * generated (mask 1 = generate, 0 = keep; the model sees the fixed values freshly noised to the
 * current time). Both wrap the per-call fields of {@code org.grl4j.sampler.model}; the {@code
 * Sampler} facade applies them.
 */
package org.grl4j.sampler.guidance;
