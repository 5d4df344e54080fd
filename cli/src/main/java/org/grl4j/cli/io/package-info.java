/**
 * File handling shared by the commands: {@link org.grl4j.cli.io.InputFiles} turns a missing input
 * into a usage error before any work starts, {@link org.grl4j.cli.io.OutputFiles} writes every
 * output atomically (temporary file, then one move), and {@link org.grl4j.cli.io.JsonOutput} writes
 * the JSON reports.
 */
package org.grl4j.cli.io;
