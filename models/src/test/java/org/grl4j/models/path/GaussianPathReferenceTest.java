package org.grl4j.models.path;

import static org.grl4j.models.path.PathAssertions.assertRelative;
import static org.grl4j.models.path.PathAssertions.path;

import java.math.BigDecimal;
import org.grl4j.models.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three diffusion paths against reference values: DESIGN.md section 2.1 as printed, and the
 * same quantities (plus t near the ends) evaluated with 40-digit arithmetic (mpmath) from the
 * closed forms in DESIGN.md.
 */
class GaussianPathReferenceTest {

    /**
     * The high-precision table is exact to 17 digits, so the only error left is the double
     * evaluation: a few ulps times the condition number of each formula (at most ~1e3 for f near a
     * pole), well inside 1e-12.
     */
    private static final double HIGH_PRECISION = 1e-12;

    @ParameterizedTest(name = "{0} at t = {1}")
    @CsvSource({
        "vp, 0.1, 0.946721799, 0.322052536, -1.045, 2.09, -0.98932428, 2.90826731, 1.07829059",
        "vp, 0.5, 0.281182881, 0.959654202, -5.025, 10.05, -1.41294398, 0.413998768, -1.22756773",
        "vp, 0.9, 0.0169964633, 0.99985555, -9.005, 18.01, -0.153053152, 0.00260173809,"
                + " -4.07460554",
        "gvp, 0.1, 0.987688341, 0.156434465, -0.248789697, 0.497579394, -0.245726683, 1.55145722,"
                + " 1.84273003",
        "gvp, 0.5, 0.707106781, 0.707106781, -1.57079633, 3.14159265, -1.11072073, 1.11072073, 0",
        "gvp, 0.9, 0.156434465, 0.987688341, -9.91761769, 19.8352354, -1.55145722, 0.245726683,"
                + " -1.84273003",
        "linear, 0.1, 0.9, 0.1, -1.11111111, 0.222222222, -1, 1, 2.19722458",
        "linear, 0.5, 0.5, 0.5, -2, 2, -1, 1, 0",
        "linear, 0.9, 0.1, 0.9, -10, 18, -1, 1, -2.19722458",
    })
    void matchesTheDesignTableToItsPrintedDigits(
            String name,
            double t,
            String s,
            String sigma,
            String f,
            String g2,
            String dsDt,
            String dSigmaDt,
            String lambda) {
        GaussianPath p = path(name);

        assertPrinted(s, p.scale(t), "s");
        assertPrinted(sigma, p.std(t), "sigma");
        assertPrinted(f, p.driftCoefficient(t), "f");
        assertPrinted(g2, p.diffusionSquared(t), "g^2");
        assertPrinted(dsDt, p.dScaleDt(t), "ds/dt");
        assertPrinted(dSigmaDt, p.dStdDt(t), "dsigma/dt");
        assertPrinted(lambda, p.halfLogSnr(t), "lambda");
    }

    @ParameterizedTest(name = "linear_vp_sde t({0})")
    @CsvSource({"-3, 0.771691773", "0, 0.258960262", "3, 0.0115297668"})
    void invertsTheDesignTableHalfLogSnr(double lambda, String t) {
        assertPrinted(t, path("vp").inverseHalfLogSnr(lambda), "t(lambda)");
    }

    @ParameterizedTest(name = "{0} at t = {1}")
    @CsvSource({
        "vp, 0.001, 0.99994502651109762, 0.010485416335094896, -0.05995, 0.1199,"
                + " -0.059946704339340302, 5.7168363128531953, 4.5577149327298977",
        "vp, 0.1, 0.94672179882059807, 0.32205253552470446, -1.045, 2.09, -0.98932427976752499,"
                + " 2.9082673118298014, 1.078290592942433",
        "vp, 0.5, 0.28118288079675238, 0.95965420206803625, -5.025, 10.05, -1.4129439760036807,"
                + " 0.41399876822397884, -1.2275677344107873",
        "vp, 0.9, 0.016996463261689275, 0.99985554968535032, -9.005, 18.01,"
                + " -0.15305315167151192, 0.0026017380913565413, -4.0746055392513988",
        "vp, 0.999, 0.0066375990150744775, 0.99997797089701685, -9.99005, 19.9801,"
                + " -0.066309946040544784, 0.00044014852860562634, -5.0149829456543726",
        "gvp, 0.001, 0.99999876629970353, 0.0015707956808308788, -0.0024674031296304058,"
                + " 0.0049348062592608115, -0.0024674000855944332, 1.5707943889030026,"
                + " 6.4561717512251752",
        "gvp, 0.1, 0.98768834059513773, 0.15643446504023087, -0.24878969708324711,"
                + " 0.49757939416649423, -0.24572668306931932, 1.5514572174249891,"
                + " 1.842730034701113",
        "gvp, 0.5, 0.70710678118654752, 0.70710678118654752, -1.5707963267948966,"
                + " 3.1415926535897932, -1.1107207345395916, 1.1107207345395916, 0",
        "gvp, 0.9, 0.15643446504023087, 0.98768834059513773, -9.9176176875472725,"
                + " 19.835235375094545, -1.5514572174249891, 0.24572668306931932,"
                + " -1.842730034701113",
        "gvp, 0.999, 0.0015707956808308788, 0.99999876629970353, -999.99917753283129,"
                + " 1999.9983550656626, -1.5707943889030026, 0.0024674000855944332,"
                + " -6.4561717512251752",
        "linear, 0.001, 0.999, 0.001, -1.001001001001001, 0.002002002002002002, -1, 1,"
                + " 6.9067547786485535",
        "linear, 0.1, 0.9, 0.1, -1.1111111111111111, 0.22222222222222222, -1, 1,"
                + " 2.1972245773362194",
        "linear, 0.5, 0.5, 0.5, -2, 2, -1, 1, 0",
        "linear, 0.9, 0.1, 0.9, -10, 18, -1, 1, -2.1972245773362194",
        "linear, 0.999, 0.001, 0.999, -1000, 1998, -1, 1, -6.9067547786485535",
    })
    void matchesHighPrecisionValuesIncludingNearTheEnds(
            String name,
            double t,
            double s,
            double sigma,
            double f,
            double g2,
            double dsDt,
            double dSigmaDt,
            double lambda) {
        GaussianPath p = path(name);

        assertRelative(s, p.scale(t), HIGH_PRECISION, name + " s");
        assertRelative(sigma, p.std(t), HIGH_PRECISION, name + " sigma");
        assertRelative(f, p.driftCoefficient(t), HIGH_PRECISION, name + " f");
        assertRelative(g2, p.diffusionSquared(t), HIGH_PRECISION, name + " g^2");
        assertRelative(dsDt, p.dScaleDt(t), HIGH_PRECISION, name + " ds/dt");
        assertRelative(dSigmaDt, p.dStdDt(t), HIGH_PRECISION, name + " dsigma/dt");
        assertRelative(lambda, p.halfLogSnr(t), HIGH_PRECISION, name + " lambda");
    }

    @ParameterizedTest(name = "{0} t({1})")
    @CsvSource({
        "vp, -20, 2.0",
        "vp, -3, 0.77169177250213646",
        "vp, 0, 0.25896026243279659",
        "vp, 3, 0.01152976682801627",
        "vp, 20, 4.248354255291571e-17",
        "gvp, -20, 0.99999999868782885",
        "gvp, -3, 0.96833071736273075",
        "gvp, 0, 0.5",
        "gvp, 3, 0.031669282637269253",
        "gvp, 20, 1.3121711499314504e-9",
        "linear, -20, 0.99999999793884638",
        "linear, -3, 0.95257412682243322",
        "linear, 0, 0.5",
        "linear, 3, 0.047425873177566781",
        "linear, 20, 2.0611536181902036e-9",
    })
    void invertsTheHalfLogSnrToHighPrecision(String name, double lambda, double t) {
        assertRelative(t, path(name).inverseHalfLogSnr(lambda), HIGH_PRECISION, name + " t");
    }

    /**
     * Asserts agreement to 1e-9 relative or to half a unit in the last printed digit, whichever is
     * looser: DESIGN.md prints about nine significant digits, so e.g. -1.41294398 stands for
     * -1.412943976 and is itself 1.7e-9 away from the exact value.
     */
    private static void assertPrinted(String printed, double actual, String what) {
        BigDecimal value = new BigDecimal(printed);
        double halfLastDigit = 0.5 * Math.pow(10, -value.scale());
        double expected = value.doubleValue();
        double relative = Math.max(Tolerances.REFERENCE_TABLE, halfLastDigit / Math.abs(expected));
        if (expected == 0) {
            relative = Tolerances.REFERENCE_TABLE;
        }
        assertRelative(expected, actual, relative, what + " (printed " + printed + ")");
    }
}
