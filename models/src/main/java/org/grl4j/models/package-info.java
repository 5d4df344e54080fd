/**
 * The math core of grl4j: probability paths, network parameterizations and their conversions, the
 * batch network contract, configuration, datasets and metrics. Pure Java (Jackson and Commons Math
 * only), so every other module can depend on it.
 */
package org.grl4j.models;
