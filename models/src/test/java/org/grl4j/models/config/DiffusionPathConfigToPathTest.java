package org.grl4j.models.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.grl4j.models.path.GvpPath;
import org.grl4j.models.path.LinearPath;
import org.grl4j.models.path.LinearVpPath;
import org.junit.jupiter.api.Test;

class DiffusionPathConfigToPathTest {

    @Test
    void linearVpSdeBlockBuildsThePathWithItsBetas() {
        var path = DiffusionPathConfig.linearVpSde(0.1, 20.0).toPath();
        assertInstanceOf(LinearVpPath.class, path);
        // s(0.5) from DESIGN.md's reference table: a wrong beta would move it at the third digit.
        assertEquals(0.281182881, path.scale(0.5), 1e-9);
    }

    @Test
    void gvpAndLinearBlocksBuildTheirPaths() {
        assertInstanceOf(GvpPath.class, DiffusionPathConfig.gvp().toPath());
        assertInstanceOf(LinearPath.class, DiffusionPathConfig.linear().toPath());
    }

    @Test
    void seedExampleConfigResolvesToTheVpPath() {
        var config =
                ConfigLoader.fromJson(
                        "{\"diffusion_model\": {\"x_size\": 2, \"path\": {\"type\":"
                                + " \"linear_vp_sde\", \"beta_0\": 0.1, \"beta_1\": 20.0},"
                                + " \"model\": {\"type\": \"noise_function\", \"args\":"
                                + " {\"backbone\": {\"type\": \"MyModule\"}}}}}");
        assertEquals("linear_vp_sde", config.diffusionModel().path().toPath().type());
    }
}
