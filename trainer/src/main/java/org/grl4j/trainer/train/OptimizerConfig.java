package org.grl4j.trainer.train;

/**
 * Adam or AdamW (Kingma and Ba 2015; Loshchilov and Hutter 2019), with PyTorch's update rule. For
 * gradient g of parameter p at step k = 1, 2, ...:
 *
 * <pre>
 *   Adam:   g &lt;- g + weightDecay p                  (coupled L2, PyTorch's Adam weight_decay)
 *   AdamW:  p &lt;- p (1 - lr weightDecay)              (decoupled decay, before the step)
 *   m &lt;- beta1 m + (1 - beta1) g
 *   v &lt;- beta2 v + (1 - beta2) g^2
 *   p &lt;- p - lr (m / (1 - beta1^k)) / (sqrt(v / (1 - beta2^k)) + epsilon)
 * </pre>
 *
 * @param type ADAM or ADAMW
 * @param learningRate the base learning rate, positive (GenerativeRL's tutorials use 5e-3)
 * @param beta1 in [0, 1), PyTorch default 0.9
 * @param beta2 in [0, 1), PyTorch default 0.999
 * @param epsilon positive, PyTorch default 1e-8
 * @param weightDecay at least 0; PyTorch defaults: 0 for Adam, 0.01 for AdamW
 */
public record OptimizerConfig(
        Type type,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay) {

    /** The optimizer family. */
    public enum Type {
        ADAM,
        ADAMW
    }

    /** Validates every field, naming the bad one. */
    public OptimizerConfig {
        if (type == null) {
            throw new IllegalArgumentException("optimizer type must be ADAM or ADAMW, got null");
        }
        check(
                "lr",
                learningRate,
                learningRate > 0 && Double.isFinite(learningRate),
                "> 0, e.g. 1e-3");
        check("beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1), e.g. 0.9");
        check("beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1), e.g. 0.999");
        check("eps", epsilon, epsilon > 0 && Double.isFinite(epsilon), "> 0, e.g. 1e-8");
        check(
                "weight_decay",
                weightDecay,
                weightDecay >= 0 && Double.isFinite(weightDecay),
                ">= 0, e.g. 0 (Adam) or 0.01 (AdamW)");
    }

    private static void check(String name, double value, boolean ok, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "optimizer " + name + " must be " + allowed + ", got " + value);
        }
    }

    /** Adam with PyTorch's defaults and the given learning rate. */
    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Type.ADAM, learningRate, 0.9, 0.999, 1e-8, 0);
    }

    /** AdamW with PyTorch's defaults and the given learning rate and weight decay. */
    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Type.ADAMW, learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }
}
