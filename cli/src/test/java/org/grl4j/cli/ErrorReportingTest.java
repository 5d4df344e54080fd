package org.grl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorReportingTest {

    @Test
    void anUnknownFlagIsOneLineWithExitCodeTwo() {
        CliRun run = CliRun.of("sample", "--frobnicate", "model.onnx", "-o", "x.csv");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(
                List.of("grl4j sample: Unknown option: '--frobnicate' (see 'grl4j sample --help')"),
                run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void aMalformedNumberIsOneLineWithExitCodeTwo() {
        CliRun run = CliRun.of("sample", "model.onnx", "-o", "x.csv", "-n", "many");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("'many'"), run.err());
    }

    @Test
    void aMissingRequiredFlagIsAUsageError() {
        CliRun run = CliRun.of("eval", "model.onnx");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("--data"), run.err());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.of("deploy");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
    }

    @Test
    void verbosePrintsTheStackTraceOfAFailure() {
        CliRun quiet = CliRun.of("sample", "missing.onnx", "-o", "x.csv");
        CliRun verbose = CliRun.of("sample", "missing.onnx", "-o", "x.csv", "--verbose");
        assertFalse(quiet.err().contains("\tat org.grl4j"), quiet.err());
        assertTrue(verbose.err().contains("\tat org.grl4j"), verbose.err());
        assertEquals(quiet.exitCode(), verbose.exitCode());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("train", "export", "sample", "eval", "demo")) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().contains("Examples:"), command + "\n" + help.out());
        }
        CliRun root = CliRun.of("--help");
        assertTrue(root.out().contains("Exit codes:"), root.out());
    }

    @Test
    void theVerboseFlagIsRecognisedAnywhere() {
        assertTrue(Grl4j.isVerbose(new String[] {"train", "-v"}));
        assertTrue(Grl4j.isVerbose(new String[] {"--verbose", "demo"}));
        assertFalse(Grl4j.isVerbose(new String[] {"demo", "--quiet"}));
    }
}
