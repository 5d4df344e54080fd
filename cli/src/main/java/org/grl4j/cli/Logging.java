package org.grl4j.cli;

/**
 * Sets slf4j-simple's levels before the first logger exists: warnings only by default, so that a
 * command's own output stays readable, and INFO (per-batch sampling logs, training progress lines)
 * with {@code --verbose}.
 */
final class Logging {

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {}

    static void configure(boolean verbose) {
        if (System.getProperty(DEFAULT_LEVEL) == null) {
            System.setProperty(DEFAULT_LEVEL, verbose ? "info" : "warn");
        }
        if (!verbose) {
            // DJL probes for CUDA at start-up and warns on every CPU-only machine.
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
}
