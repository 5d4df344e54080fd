/**
 * Training from a configuration file: {@link org.grl4j.cli.training.ConfiguredModel} builds the
 * trainer's networks and objective from a GenerativeRL-style configuration, {@link
 * org.grl4j.cli.training.TrainingInputs} holds the rows (from a file or a built-in dataset) and
 * their normalization, {@link org.grl4j.cli.training.TrainingRun} trains and writes a run directory
 * ({@link org.grl4j.cli.training.RunRecord} run.json, checkpoint, loss curve, model.onnx), {@link
 * org.grl4j.cli.training.ModelExport} turns a run into an ONNX file, and {@link
 * org.grl4j.cli.training.Presets} holds the built-in configurations named after GenerativeRL's
 * tutorials.
 */
package org.grl4j.cli.training;
