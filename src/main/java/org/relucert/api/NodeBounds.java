package org.relucert.api;

/**
 * Bounds of every entry of one network node, as computed by a domain on the way to the output (for an
 * affine, convolution or add node the pre-activation bounds; for a ReLU node its output bounds).
 *
 * @param name  the node's name in the network file
 * @param lower lower bound of each entry
 * @param upper upper bound of each entry
 */
public record NodeBounds(String name, double[] lower, double[] upper) {
}
