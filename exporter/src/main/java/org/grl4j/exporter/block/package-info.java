/**
 * Exporters from DJL blocks to ONNX nodes.
 *
 * <p>A {@link org.grl4j.exporter.block.BlockExporter} turns one block type into nodes, given its
 * inputs as {@link org.grl4j.exporter.onnx.DualValue}s (value plus optional tangent) in the order
 * of the block's {@code forward}. The {@link org.grl4j.exporter.block.BlockExporterRegistry} maps
 * block classes to exporters; {@link org.grl4j.exporter.block.ExportContext} carries one export's
 * graph, exports child blocks through the registry under named scopes, and freezes DJL parameters
 * into initializers. Built in: DJL's {@code Linear} and {@code SequentialBlock}, and every network
 * block of the trainer. A user's block registers its own exporter, or implements {@link
 * org.grl4j.exporter.block.OnnxExportable}; a {@code SequentialBlock} of exportable blocks needs
 * neither.
 */
package org.grl4j.exporter.block;
