/**
 * The {@code grl4j} command line. {@link org.grl4j.cli.Grl4j} is the entry point; each subcommand
 * is one class ({@code TrainCommand}, {@code ExportCommand}, {@code SampleCommand}, {@code
 * EvalCommand}, {@code DemoCommand}; {@code bench} lives in {@code org.grl4j.cli.bench}) that
 * parses its flags and calls the work in the sub-packages: {@code training} (configuration to
 * trainer and run directory), {@code sampling} (solver flags, evaluation), {@code plot}, {@code
 * demo} and {@code io}.
 *
 * <p>Errors: every failure is one line on stderr, {@code grl4j <command>: <message>}, with the exit
 * codes of {@link org.grl4j.cli.ExitCodes} (0 success, 1 the work failed, 2 the command line is
 * wrong); {@code --verbose} adds the stack trace. Output files are written atomically. Only this
 * package and its sub-packages print; the libraries log through SLF4J, at WARN unless {@code
 * --verbose}.
 */
package org.grl4j.cli;
