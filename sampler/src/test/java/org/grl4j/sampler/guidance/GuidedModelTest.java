package org.grl4j.sampler.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.grl4j.models.network.ExactGaussianFlowNetwork;
import org.grl4j.models.network.ExactGaussianNetwork;
import org.grl4j.models.param.Parameterization;
import org.grl4j.models.path.ConstantNoisePath;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.models.path.LinearVpPath;
import org.grl4j.sampler.Sampler;
import org.grl4j.sampler.Solvers;
import org.grl4j.sampler.model.DiffusionModel;
import org.grl4j.sampler.model.FlowModel;
import org.grl4j.sampler.model.GenerativeModel;
import org.grl4j.sampler.ode.OdeSolver;
import org.junit.jupiter.api.Test;

class GuidedModelTest {

    private static final GaussianPath PATH = new LinearVpPath(0.1, 20);
    private static final double[] VARIANCE = {0.25, 0.64};
    private static final double[] BASE_MEAN = {1.0, -0.5};
    private static final double[] GUIDED_MEAN = {-1.0, 2.0};

    private static DiffusionModel diffusion(double[] mean, Parameterization parameterization) {
        return new DiffusionModel(
                PATH,
                parameterization,
                new ExactGaussianNetwork(PATH, mean, VARIANCE, parameterization));
    }

    private static double[] sample(GenerativeModel model, OdeSolver solver) {
        return Sampler.builder(model).solver(solver).build().sample(50, 8L).x();
    }

    @Test
    void weightZeroIsTheBaseAndWeightOneIsTheGuidedModelExactly() {
        DiffusionModel base = diffusion(BASE_MEAN, Parameterization.NOISE_FUNCTION);
        DiffusionModel guided = diffusion(GUIDED_MEAN, Parameterization.VELOCITY_FUNCTION);
        OdeSolver solver = Solvers.rk4(8);

        // (1 - 0) b + 0 g = b and (1 - 1) b + 1 g = g in floating point, bit for bit.
        assertArrayEquals(sample(base, solver), sample(new GuidedModel(base, guided, 0), solver));
        assertArrayEquals(sample(guided, solver), sample(new GuidedModel(base, guided, 1), solver));
    }

    @Test
    void theSdeAlsoReducesToEitherModelAtTheEndWeights() {
        DiffusionModel base = diffusion(BASE_MEAN, Parameterization.NOISE_FUNCTION);
        DiffusionModel guided = diffusion(GUIDED_MEAN, Parameterization.NOISE_FUNCTION);
        Sampler.Builder sde = Sampler.builder(base).solver(Solvers.eulerMaruyama(20));

        double[] alone = sde.build().sample(10, 3L).x();
        double[] mixed =
                Sampler.builder(new GuidedModel(base, guided, 0))
                        .solver(Solvers.eulerMaruyama(20))
                        .build()
                        .sample(10, 3L)
                        .x();

        assertArrayEquals(alone, mixed);
    }

    @Test
    void weightTwoExtrapolatesTheMeanToTwoGuidedMinusBase() {
        // With equal variances the exact drifts are affine in the mean, so (1 - w) F_b + w F_g is
        // the exact drift for mean (1 - w) m_b + w m_g; RK4 with 20 steps errs ~1e-6 on it.
        DiffusionModel base = diffusion(BASE_MEAN, Parameterization.NOISE_FUNCTION);
        DiffusionModel guided = diffusion(GUIDED_MEAN, Parameterization.NOISE_FUNCTION);
        double[] extrapolated = {2 * -1.0 - 1.0, 2 * 2.0 + 0.5};

        double[] x = sample(new GuidedModel(base, guided, 2), Solvers.rk4(20));
        double[] expected =
                sample(diffusion(extrapolated, Parameterization.NOISE_FUNCTION), Solvers.rk4(20));

        assertArrayEquals(expected, x, 1e-9);
    }

    @Test
    void anUnconditionalBaseGetsNoConditionAndTheModelTakesTheGuidedWidth() {
        DiffusionModel base = diffusion(BASE_MEAN, Parameterization.NOISE_FUNCTION);
        DiffusionModel conditional =
                new DiffusionModel(
                        PATH,
                        Parameterization.NOISE_FUNCTION,
                        new ExactGaussianNetwork(
                                PATH, GUIDED_MEAN, VARIANCE, Parameterization.NOISE_FUNCTION, 3));

        GuidedModel model = new GuidedModel(base, conditional, 1.5);
        double[] x =
                Sampler.builder(model)
                        .solver(Solvers.euler(5))
                        .build()
                        .sample(new double[] {1, 2, 3, 4, 5, 6}, 2, 1L)
                        .x();

        assertEquals(3, model.conditionSize());
        assertEquals(8, x.length);
    }

    @Test
    void modelsOfDifferentKindsCannotBeMixed() {
        FlowModel flow =
                new FlowModel(
                        new ExactGaussianFlowNetwork(
                                new ConstantNoisePath(0), BASE_MEAN, VARIANCE));
        DiffusionModel diffusion = diffusion(BASE_MEAN, Parameterization.NOISE_FUNCTION);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> new GuidedModel(diffusion, flow, 1));
        assertEquals(true, e.getMessage().contains("one kind"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new GuidedModel(diffusion, diffusion, Double.NaN));
    }
}
