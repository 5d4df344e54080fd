/**
 * The {@code demo} command's work: {@link org.grl4j.cli.demo.SwissRollDemo} trains GenerativeRL's
 * swiss-roll diffusion model at a CPU-friendly size, exports it, samples it with Euler and
 * DPM-Solver++, compares both and an untrained network with held-out data by exact W2, and draws
 * the pictures.
 */
package org.grl4j.cli.demo;
