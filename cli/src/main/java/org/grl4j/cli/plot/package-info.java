/**
 * Pictures for the demo and the train command, drawn headless with XChart: {@link
 * org.grl4j.cli.plot.Plots} draws scatter panels of 2-D samples beside reference data, training
 * loss curves and trajectory animations.
 */
package org.grl4j.cli.plot;
