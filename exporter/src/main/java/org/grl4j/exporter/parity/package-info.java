/**
 * Parity between a DJL network and its ONNX export.
 *
 * <p>{@link org.grl4j.exporter.parity.ParityCheck} evaluates both on one seeded random batch
 * ({@link org.grl4j.exporter.parity.ParityOptions}) and returns a {@link
 * org.grl4j.exporter.parity.ParityReport}; {@link
 * org.grl4j.exporter.parity.ParityCheck#requirePassed} turns a failed report into a {@link
 * org.grl4j.exporter.parity.ParityException}. The exporter runs the check before it writes a file,
 * and it can be run on its own against a file exported earlier.
 */
package org.grl4j.exporter.parity;
