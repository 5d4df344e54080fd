package org.grl4j.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.grl4j.models.config.ConfigException;
import org.grl4j.models.config.ConfigFormat;
import org.grl4j.models.config.ConfigLoader;
import org.grl4j.models.config.GenerativeConfig;
import org.grl4j.models.config.TypedSpec;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

    private static final String BACKBONE = "diffusion_model.model.args.backbone";

    /** Stands in for a network a module would build. */
    record Built(String what, List<Integer> hiddenSizes, int outputDim) {}

    /** The arguments of the seed's "MyModule" example. */
    record MyModuleArgs(List<Integer> hiddenSizes, int outputDim) {
        MyModuleArgs {
            if (hiddenSizes == null || hiddenSizes.isEmpty()) {
                throw new IllegalArgumentException("hidden_sizes must list at least one width");
            }
        }
    }

    /** The arguments of the built-in backbone, as the trainer would declare them. */
    record ResidualNetArgs(List<Integer> hiddenSizes, int outputDim, int tDim) {}

    private static TypeRegistry<Built> backbones() {
        return new TypeRegistry<Built>("backbone")
                .register(
                        "TemporalSpatialResidualNet",
                        ResidualNetArgs.class,
                        a -> new Built("residual", a.hiddenSizes(), a.outputDim()));
    }

    private static GenerativeConfig config(String resource) {
        try {
            Path path = Path.of(TypeRegistryTest.class.getResource("/config/" + resource).toURI());
            return ConfigLoader.load(path);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TypedSpec backboneOf(GenerativeConfig config) {
        return config.diffusionModel().model().args().backbone();
    }

    @Test
    void userRegisteredTypeResolvesFromTheSeedsCustomModuleConfig() {
        TypeRegistry<Built> registry = backbones();
        registry.register(
                "MyModule",
                MyModuleArgs.class,
                a -> new Built("mine", a.hiddenSizes(), a.outputDim()));

        Built built = registry.create(backboneOf(config("seed-custom-module.yaml")), BACKBONE);

        assertEquals(new Built("mine", List.of(512, 256, 128), 2), built);
    }

    @Test
    void builtInTypeResolvesFromTheSeedExample() {
        Built built = backbones().create(backboneOf(config("seed-example.json")), BACKBONE);

        assertEquals(new Built("residual", List.of(512, 256, 128), 2), built);
    }

    @Test
    void namesMatchIgnoringCase() {
        TypeRegistry<Built> registry = backbones();

        Built built =
                registry.create(
                        new TypedSpec(
                                "temporalspatialresidualnet",
                                backboneOf(config("seed-example.json")).args()),
                        BACKBONE);

        assertEquals("residual", built.what());
        assertTrue(registry.contains("TEMPORALSPATIALRESIDUALNET"));
    }

    @Test
    void unknownTypeNameListsTheRegisteredOnes() {
        TypeRegistry<Built> registry = backbones();
        registry.register("MyModule", MyModuleArgs.class, a -> null);

        ConfigException error =
                assertThrows(
                        ConfigException.class,
                        () -> registry.create(TypedSpec.of("MyModul"), BACKBONE));

        assertEquals(BACKBONE + ".type", error.keyPath());
        assertTrue(
                error.getMessage()
                        .startsWith(
                                BACKBONE
                                        + ".type: found \"MyModul\"; allowed: one of the registered"
                                        + " backbone types: MyModule, TemporalSpatialResidualNet."),
                error.getMessage());
        assertTrue(error.getMessage().contains("TypeRegistry.register"), error.getMessage());
    }

    @Test
    void registeringAnExistingNameInAnyCaseIsAnError() {
        TypeRegistry<Built> registry = backbones();

        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                registry.register(
                                        "temporalSpatialResidualNET",
                                        TypeRegistry.NoArgs.class,
                                        a -> null));

        assertTrue(
                error.getMessage()
                        .contains(
                                "\"temporalSpatialResidualNET\" is already"
                                        + " registered (as \"TemporalSpatialResidualNet\""),
                error.getMessage());
        assertTrue(error.getMessage().contains("another name"), error.getMessage());
        assertEquals(List.of("TemporalSpatialResidualNet"), registry.names());
    }

    @Test
    void argumentTheTypeDoesNotDeclareIsAnUnknownKey() {
        TypeRegistry<Built> registry = new TypeRegistry<>("backbone");
        registry.register("TemporalSpatialResidualNet", MyModuleArgs.class, a -> null);

        ConfigException error =
                assertThrows(
                        ConfigException.class,
                        () -> registry.create(backboneOf(config("seed-example.yaml")), BACKBONE));

        assertEquals(BACKBONE + ".args.t_dim", error.keyPath());
        assertTrue(
                error.getMessage()
                        .contains(
                                "found unknown key \"t_dim\"; allowed: the keys"
                                        + " hidden_sizes, output_dim."),
                error.getMessage());
    }

    @Test
    void argumentOfTheWrongTypeNamesItsKeyPath() {
        TypedSpec spec =
                ConfigLoader.bind(
                        ConfigLoader.readTree(
                                "{type: MyModule, args: {hidden_sizes: wide, output_dim: 2}}",
                                ConfigFormat.YAML),
                        TypedSpec.class,
                        BACKBONE);
        TypeRegistry<Built> registry = new TypeRegistry<>("backbone");
        registry.register("MyModule", MyModuleArgs.class, a -> null);

        ConfigException error =
                assertThrows(ConfigException.class, () -> registry.create(spec, BACKBONE));

        assertEquals(BACKBONE + ".args.hidden_sizes", error.keyPath());
        assertTrue(
                error.getMessage().contains("found \"wide\"; allowed: a list"), error.getMessage());
    }

    @Test
    void valueRejectedByTheArgsRecordIsReportedWithItsReason() {
        TypeRegistry<Built> registry = new TypeRegistry<>("backbone");
        registry.register("MyModule", MyModuleArgs.class, a -> null);
        TypedSpec spec =
                new TypedSpec(
                        "MyModule",
                        ConfigLoader.readTree(
                                "{hidden_sizes: [], output_dim: 2}", ConfigFormat.YAML));

        ConfigException error =
                assertThrows(ConfigException.class, () -> registry.create(spec, BACKBONE));

        assertEquals(BACKBONE + ".args", error.keyPath());
        assertTrue(
                error.getMessage().contains("hidden_sizes must list at least one width"),
                error.getMessage());
    }

    @Test
    void factoryErrorWithARelativeKeyIsPlacedUnderArgs() {
        TypeRegistry<Built> registry = new TypeRegistry<>("encoder");
        registry.register(
                "Fourier",
                TypeRegistry.NoArgs.class,
                a -> {
                    throw ConfigException.invalid("scale", -1, "a number > 0", "use 30.0");
                });

        ConfigException error =
                assertThrows(
                        ConfigException.class,
                        () -> registry.create(TypedSpec.of("Fourier"), "model.t_encoder"));

        assertEquals("model.t_encoder.args.scale", error.keyPath());
    }

    @Test
    void typeWithoutArgumentsRejectsAnyArgument() {
        TypeRegistry<String> registry = new TypeRegistry<>("solver");
        registry.register("Euler", TypeRegistry.NoArgs.class, a -> "euler");
        TypedSpec spec =
                new TypedSpec("Euler", ConfigLoader.readTree("{steps: 10}", ConfigFormat.YAML));

        assertEquals("euler", registry.create(TypedSpec.of("euler"), "solver"));
        ConfigException error =
                assertThrows(ConfigException.class, () -> registry.create(spec, "solver"));
        assertEquals("solver.args.steps", error.keyPath());
        assertTrue(error.getMessage().contains("allowed: the keys (none)"), error.getMessage());
    }

    @Test
    void concurrentRegistrationKeepsEveryNameAndExactlyOneOfEachDuplicate() throws Exception {
        TypeRegistry<String> registry = new TypeRegistry<>("solver");
        int threads = 8;
        int namesPerThread = 50;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            tasks.add(
                    () -> {
                        int accepted = 0;
                        for (int i = 0; i < namesPerThread; i++) {
                            try {
                                registry.register("Solver" + i, TypeRegistry.NoArgs.class, a -> "");
                                accepted++;
                            } catch (IllegalArgumentException duplicate) {
                                // another thread registered this name first
                            }
                        }
                        return accepted;
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int accepted = 0;
        try {
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                accepted += result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(namesPerThread, accepted);
        assertEquals(namesPerThread, registry.names().size());
    }
}
