package org.grl4j.exporter;

import java.nio.file.Path;
import org.grl4j.exporter.parity.ParityReport;

/**
 * What an export produced.
 *
 * @param file the written ONNX file
 * @param bytes its size
 * @param nodes the number of graph nodes
 * @param parity the parity check's result, or null when the check was switched off
 */
public record ExportReport(Path file, long bytes, int nodes, ParityReport parity) {}
