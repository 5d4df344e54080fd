package org.grl4j.sampler.model;

import static org.grl4j.sampler.model.DiffusionModelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grl4j.models.network.ExactGaussianFlowNetwork;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.sampler.Moments;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Samples;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.Tolerances;
import org.grl4j.sampler.sde.RowNoise;
import org.junit.jupiter.api.Test;

class FlowAndBridgeModelTest {

    private static final double[] MEAN = {1.0, -0.5};
    private static final double[] VARIANCE = {0.25, 0.64};
    private static final double[] SD = {0.5, 0.8};

    private final ExactGaussianFlowNetwork flow =
            new ExactGaussianFlowNetwork(new ConstantNoisePath(0), MEAN, VARIANCE);

    @Test
    void aFlowModelFollowsTheClosedFormFlowMapFromZeroToOne() {
        int n = 64;
        double[] noise = new RowNoise(3, n).next(2);
        FlowModel model = new FlowModel(flow);

        double[] x =
                Solvers.dormandPrince853(1e-10, 1e-10)
                        .solve(model.probabilityFlow(n, null), n, noise, 0, 1)
                        .x();

        assertEquals(0.0, model.startTime());
        assertEquals(1.0, model.endTime(true));
        assertClose(flow.transport(0, 1, noise), x, Tolerances.TIGHT_ODE, "flow at t = 1");
    }

    @Test
    void aFlowModelTransportsStandardNoiseToTheDataMoments() {
        // n = 100 000; RK4 with 10 steps has an error ~1e-6 on this flow, so B = 1e-4.
        Sampler sampler = Sampler.builder(new FlowModel(flow)).solver(Solvers.rk4(10)).build();

        Samples samples = sampler.sample(100_000, 77L);

        assertEquals(40, samples.evaluations());
        Moments.assertMatch(samples, MEAN, SD, 1e-4, "flow rk4(10)");
    }

    @Test
    void aFlowModelHasNoSde() {
        Sampler sampler =
                Sampler.builder(new FlowModel(flow)).solver(Solvers.eulerMaruyama(10)).build();
        UnsupportedOperationException e =
                assertThrows(UnsupportedOperationException.class, () -> sampler.sample(4, 1L));
        assertTrue(e.getMessage().contains("no score"), e.getMessage());
    }

    @Test
    void aBridgeOdeAndSdeBothReachTheDataMoments() {
        // Exact bridge networks (sigma = 0.5) between N(0, I) and the data, n = 20 000. RK4 with
        // 10 steps errs ~1e-6 (B = 1e-4); Euler-Maruyama with 200 steps has weak error O(h),
        // bounded by B = 1e-2 as for the diffusion SDE.
        GaussianBridgeNetworks exact = new GaussianBridgeNetworks(MEAN, VARIANCE, 0.5);
        BridgeModel model = new BridgeModel(exact.velocity(), exact.score(), 0.5);

        Samples ode = Sampler.builder(model).solver(Solvers.rk4(10)).build().sample(20_000, 5L);
        Samples sde =
                Sampler.builder(model)
                        .solver(Solvers.eulerMaruyama(200))
                        .build()
                        .sample(20_000, 5L);

        Moments.assertMatch(ode, MEAN, SD, 1e-4, "bridge ode");
        Moments.assertMatch(sde, MEAN, SD, 1e-2, "bridge sde");
    }

    @Test
    void theBridgeSdeDriftAddsEtaSquaredHalfSigmaSquaredTimesTheScore() {
        GaussianBridgeNetworks exact = new GaussianBridgeNetworks(MEAN, VARIANCE, 0.5);
        BridgeModel model = new BridgeModel(exact.velocity(), exact.score(), 0.5);
        double[] x = {0.3, -0.2};
        double[] t = {0.4};
        double[] v = new double[2];
        double[] s = new double[2];
        exact.velocity().evaluate(1, t, x, null, v);
        exact.score().evaluate(1, t, x, null, s);

        double[] drift = new double[2];
        double[] diffusion = new double[2];
        model.stochasticFlow(1, 2.0, null).evaluate(1, 0.4, x, drift);
        model.stochasticFlow(1, 2.0, null).diffusion(1, 0.4, x, diffusion);

        assertEquals(v[0] + 4 * 0.125 * s[0], drift[0], 1e-15);
        assertEquals(v[1] + 4 * 0.125 * s[1], drift[1], 1e-15);
        assertEquals(1.0, diffusion[1], 1e-15);
    }

    @Test
    void bridgeNetworksMustAgreeOnWidths() {
        GaussianBridgeNetworks two = new GaussianBridgeNetworks(MEAN, VARIANCE, 0.5);
        GaussianBridgeNetworks three =
                new GaussianBridgeNetworks(new double[3], new double[] {1, 1, 1}, 0.5);
        assertThrows(
                IllegalArgumentException.class,
                () -> new BridgeModel(two.velocity(), three.score(), 0.5));
    }
}
