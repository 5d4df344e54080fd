package org.grl4j.sampler.guidance;

import java.util.Optional;
import org.grl4j.models.path.GaussianPath;
import org.grl4j.sampler.Checks;
import org.grl4j.sampler.model.GenerativeModel;
import org.grl4j.sampler.ode.VectorField;
import org.grl4j.sampler.sde.StochasticField;

/**
 * Two models of one kind mixed by a guidance weight w: the drift is
 *
 * <pre>
 *   F = (1 - w) F_base + w F_guided
 * </pre>
 *
 * as GenerativeRL's GuidedDiffusionModel and GuidedConditionalFlowModel do; w = 0 is the base, w =
 * 1 the guided model and w > 1 extrapolates towards the guided one (classifier-free guidance, Ho
 * and Salimans, 2022, with an unconditional base). The SDE mixes the drifts and takes its diffusion
 * from the base.
 *
 * <p>Both models share x width, start time and end times. Either may be unconditional: the
 * condition rows (width C = the larger condition width) go to each model that takes them, and
 * {@code null} goes to an unconditional one. One drift evaluation costs one evaluation of each
 * model.
 */
public final class GuidedModel implements GenerativeModel {

    private final GenerativeModel base;
    private final GenerativeModel guided;
    private final double weight;

    /**
     * @param base the base model (often unconditional)
     * @param guided the guided model (often conditional)
     * @param weight w, any finite value
     */
    public GuidedModel(GenerativeModel base, GenerativeModel guided, double weight) {
        if (base == null || guided == null) {
            throw new IllegalArgumentException(
                    "GuidedModel needs two models; found base=" + base + ", guided=" + guided);
        }
        requireCompatible(base, guided);
        this.base = base;
        this.guided = guided;
        this.weight = Checks.finite("guidance weight", weight, "use w = 1 for the guided model");
    }

    private static void requireCompatible(GenerativeModel base, GenerativeModel guided) {
        int c = Math.max(base.conditionSize(), guided.conditionSize());
        boolean conditionsFit =
                (base.conditionSize() == 0 || base.conditionSize() == c)
                        && (guided.conditionSize() == 0 || guided.conditionSize() == c);
        boolean timesAgree =
                base.startTime() == guided.startTime()
                        && base.endTime(true) == guided.endTime(true)
                        && base.endTime(false) == guided.endTime(false);
        if (base.xSize() != guided.xSize() || !conditionsFit || !timesAgree) {
            throw new IllegalArgumentException(
                    "guided and base models must be of one kind: base has x width "
                            + base.xSize()
                            + ", condition width "
                            + base.conditionSize()
                            + ", time span from "
                            + base.startTime()
                            + "; guided has "
                            + guided.xSize()
                            + ", "
                            + guided.conditionSize()
                            + ", from "
                            + guided.startTime()
                            + "; pair two diffusion models on one path, or two flow models");
        }
    }

    public double weight() {
        return weight;
    }

    @Override
    public int xSize() {
        return base.xSize();
    }

    @Override
    public int conditionSize() {
        return Math.max(base.conditionSize(), guided.conditionSize());
    }

    @Override
    public double startTime() {
        return base.startTime();
    }

    @Override
    public double endTime(boolean margin) {
        return base.endTime(margin);
    }

    @Override
    public Optional<GaussianPath> noisingPath() {
        return base.noisingPath();
    }

    @Override
    public VectorField probabilityFlow(int n, double[] condition) {
        return new MixedField(
                n,
                base.probabilityFlow(n, conditionFor(base, condition)),
                guided.probabilityFlow(n, conditionFor(guided, condition)),
                null);
    }

    @Override
    public StochasticField stochasticFlow(int n, double eta, double[] condition) {
        StochasticField baseField = base.stochasticFlow(n, eta, conditionFor(base, condition));
        return new MixedField(
                n,
                baseField,
                guided.stochasticFlow(n, eta, conditionFor(guided, condition)),
                baseField);
    }

    private static double[] conditionFor(GenerativeModel model, double[] condition) {
        return model.conditionSize() == 0 ? null : condition;
    }

    /** (1 - w) base + w guided, with the base's diffusion when stochastic. */
    private final class MixedField implements StochasticField {

        private final VectorField baseField;
        private final VectorField guidedField;
        private final StochasticField noiseSource;
        private final double[] guidedDrift;

        MixedField(
                int n,
                VectorField baseField,
                VectorField guidedField,
                StochasticField noiseSource) {
            this.guidedDrift = new double[n * baseField.dimension()];
            this.baseField = baseField;
            this.guidedField = guidedField;
            this.noiseSource = noiseSource;
        }

        @Override
        public int dimension() {
            return baseField.dimension();
        }

        @Override
        public void evaluate(int n, double t, double[] x, double[] out) {
            int size = n * dimension();
            baseField.evaluate(n, t, x, out);
            guidedField.evaluate(n, t, x, guidedDrift);
            for (int i = 0; i < size; i++) {
                out[i] = (1 - weight) * out[i] + weight * guidedDrift[i];
            }
        }

        @Override
        public void diffusion(int n, double t, double[] x, double[] out) {
            noiseSource.diffusion(n, t, x, out);
        }
    }
}
