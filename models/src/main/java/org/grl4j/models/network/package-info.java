/**
 * The batch network contract and exact closed-form networks.
 *
 * <p>{@link org.grl4j.models.network.BatchNetwork} is what every solver in the sampler calls: h =
 * network(t[N], x[N * D], condition[N * C]) in one row-major batch, with h in the network's
 * declared {@link org.grl4j.models.param.Parameterization}. {@link
 * org.grl4j.models.network.TangentNetwork} adds the Jacobian-vector product J_x h · x_tangent that
 * exact and Hutchinson likelihood traces need. The ONNX Runtime network of the sampler and the DJL
 * network of the trainer implement these interfaces.
 *
 * <p>Two implementations here are exact and need no training: {@link
 * org.grl4j.models.network.ExactGaussianNetwork} gives the score, noise, data prediction or PF-ODE
 * velocity of Gaussian data N(m, diag(v)) under any {@link org.grl4j.models.path.GaussianPath}
 * (diffusion time: t = 0 data, t = 1 noise), and {@link
 * org.grl4j.models.network.ExactGaussianFlowNetwork} gives the marginal velocity of independent
 * conditional flow matching from N(0, I) at t = 0 to the same data at t = 1. Both expose the
 * marginal density, the exact divergence and the exact flow map, the oracles that solver,
 * likelihood and sampling tests compare against.
 */
package org.grl4j.models.network;
