/**
 * Batch ODE solvers: an {@link org.grl4j.sampler.ode.OdeSolver} integrates a {@link
 * org.grl4j.sampler.ode.VectorField} dx/dt = F(t, x) over N rows of width D (one shared time, state
 * {@code double[N * D]} row-major) and returns a {@link org.grl4j.sampler.ode.Solution} with the
 * end state and the number of field evaluations (NFE).
 *
 * <p>Fixed step: {@link org.grl4j.sampler.ode.EulerSolver} (order 1, GenerativeRL's grid semantics:
 * never evaluates the end time) and {@link org.grl4j.sampler.ode.RungeKutta4Solver} (order 4).
 * Adaptive: {@link org.grl4j.sampler.ode.DormandPrinceSolver}, Dormand-Prince 5(4) and 8(5,3)
 * through Commons Math, with the whole batch as one state. All integrate in either time direction
 * and are immutable, so one instance serves many threads.
 */
package org.grl4j.sampler.ode;
