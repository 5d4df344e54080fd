/**
 * Freezing trained networks to self-describing ONNX files (DESIGN.md section 3).
 *
 * <p>{@link org.grl4j.exporter.OnnxExporter} is the entry point: it walks a DJL network through the
 * block exporters of {@link org.grl4j.exporter.block}, which emit nodes through the graph builder
 * of {@link org.grl4j.exporter.onnx} (with the forward-mode tangent when asked for), stamps the
 * {@link org.grl4j.models.card.ModelCard} metadata, checks parity with DJL ({@link
 * org.grl4j.exporter.parity}) and writes the file atomically. {@link
 * org.grl4j.exporter.ExportOptions} says whether to add the tangent output and how to check.
 */
package org.grl4j.exporter;
