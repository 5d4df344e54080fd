package org.grl4j.models.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;

/**
 * Per-dimension affine normalization {@code z_j = (x_j - mean_j) / scale_j}, inverted by {@code x_j
 * = z_j * scale_j + mean_j}. Models train on {@code z}; the sampler maps samples back to data space
 * with the inverse. The record serializes to the JSON object {@code {"mean": [...], "scale":
 * [...]}} stored in a model's {@code grl4j.normalization} metadata.
 *
 * <p>{@link #fit(PointSet)} takes each column's mean and population standard deviation (divisor n,
 * as scikit-learn's {@code StandardScaler}). <b>Zero-variance policy:</b> a column whose standard
 * deviation is zero, or below 1e-12 times its absolute mean (a constant column up to rounding),
 * gets scale 1, so it is centred but not blown up; the map stays invertible.
 *
 * @param mean per-column offset, length d, finite
 * @param scale per-column divisor, length d, finite and positive
 */
public record Normalization(double[] mean, double[] scale) {

    /** Relative spread below which a column counts as constant. */
    public static final double CONSTANT_COLUMN_TOLERANCE = 1e-12;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Normalization {
        if (mean == null || scale == null) {
            throw new IllegalArgumentException(
                    "normalization needs both 'mean' and 'scale' arrays; found mean="
                            + Arrays.toString(mean)
                            + ", scale="
                            + Arrays.toString(scale));
        }
        if (mean.length == 0 || mean.length != scale.length) {
            throw new IllegalArgumentException(
                    "normalization has "
                            + mean.length
                            + " means and "
                            + scale.length
                            + " scales; give one of each per dimension (at least one)");
        }
        mean = mean.clone();
        scale = scale.clone();
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException(
                        "normalization mean[" + j + "] is " + mean[j] + "; it must be finite");
            }
            if (!(scale[j] > 0) || Double.isInfinite(scale[j])) {
                throw new IllegalArgumentException(
                        "normalization scale["
                                + j
                                + "] is "
                                + scale[j]
                                + "; it must be finite and positive");
            }
        }
    }

    /** Whether this is the identity map (mean 0 and scale 1 in every dimension). */
    @JsonIgnore
    public boolean isIdentity() {
        for (int j = 0; j < mean.length; j++) {
            if (mean[j] != 0.0 || scale[j] != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** The map that changes nothing: mean 0 and scale 1 in every dimension. */
    public static Normalization identity(int dimension) {
        double[] ones = new double[dimension];
        Arrays.fill(ones, 1.0);
        return new Normalization(new double[dimension], ones);
    }

    /** Column means and population standard deviations of {@code data} (see the class notes). */
    public static Normalization fit(PointSet data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(
                    "cannot fit a normalization to an empty point set; give at least one point");
        }
        int n = data.size();
        int d = data.dimension();
        double[] values = data.toArray();
        double[] mean = new double[d];
        for (int k = 0; k < values.length; k++) {
            mean[k % d] += values[k];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }

        double[] scale = new double[d];
        for (int k = 0; k < values.length; k++) {
            double deviation = values[k] - mean[k % d];
            scale[k % d] += deviation * deviation;
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scale[j] / n);
            boolean constant = std == 0 || std < CONSTANT_COLUMN_TOLERANCE * Math.abs(mean[j]);
            scale[j] = constant ? 1.0 : std;
        }
        return new Normalization(mean, scale);
    }

    /** Number of dimensions d. */
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** {@code (x - mean) / scale} for every point. */
    public PointSet normalize(PointSet data) {
        double[] values = data.toArray();
        checkDimension(data.dimension());
        normalizeInPlace(values);
        return PointSet.wrap(data.size(), data.dimension(), values);
    }

    /** {@code z * scale + mean} for every point. */
    public PointSet denormalize(PointSet data) {
        double[] values = data.toArray();
        checkDimension(data.dimension());
        denormalizeInPlace(values);
        return PointSet.wrap(data.size(), data.dimension(), values);
    }

    /** Normalizes a row-major {@code [n, d]} array in place. */
    public void normalizeInPlace(double[] rowMajor) {
        checkLength(rowMajor.length);
        int d = mean.length;
        for (int k = 0; k < rowMajor.length; k++) {
            rowMajor[k] = (rowMajor[k] - mean[k % d]) / scale[k % d];
        }
    }

    /** Denormalizes a row-major {@code [n, d]} array in place. */
    public void denormalizeInPlace(double[] rowMajor) {
        checkLength(rowMajor.length);
        int d = mean.length;
        for (int k = 0; k < rowMajor.length; k++) {
            rowMajor[k] = rowMajor[k] * scale[k % d] + mean[k % d];
        }
    }

    /** Denormalizes a row-major float32 {@code [n, d]} array in place (ONNX Runtime output). */
    public void denormalizeInPlace(float[] rowMajor) {
        checkLength(rowMajor.length);
        int d = mean.length;
        for (int k = 0; k < rowMajor.length; k++) {
            rowMajor[k] = (float) (rowMajor[k] * scale[k % d] + mean[k % d]);
        }
    }

    private void checkDimension(int dimension) {
        if (dimension != mean.length) {
            throw new IllegalArgumentException(
                    "points have dimension "
                            + dimension
                            + " but the normalization was fitted to dimension "
                            + mean.length);
        }
    }

    private void checkLength(int length) {
        if (length % mean.length != 0) {
            throw new IllegalArgumentException(
                    "array of "
                            + length
                            + " values is not a whole number of rows of dimension "
                            + mean.length);
        }
    }

    /** This normalization as {@code {"mean":[...],"scale":[...]}}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write normalization as JSON", e);
        }
    }

    /**
     * Parses the JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the problem for malformed JSON, unknown keys or
     *     invalid values
     */
    public static Normalization fromJson(String json) {
        try {
            return JSON.readValue(json, Normalization.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(
                    "invalid normalization JSON " + json + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "invalid normalization JSON "
                            + json
                            + ": "
                            + e.getOriginalMessage()
                            + "; expected {\"mean\": [...], \"scale\": [...]}",
                    e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization that
                && Arrays.equals(mean, that.mean)
                && Arrays.equals(scale, that.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalization[mean="
                + Arrays.toString(mean)
                + ", scale="
                + Arrays.toString(scale)
                + "]";
    }
}
