/**
 * Constructions from the papers (THEORY.md §4-§7): the functions relucert can encode ({@link
 * org.relucert.construct.Cpwl}, {@link org.relucert.construct.MaxMinFunction}, read by {@link
 * org.relucert.construct.FunctionParser}), the networks that a relaxation analyses precisely ({@link
 * org.relucert.construct.Encoders}, with refusals for the ✗ and "?" cells of Table 1), the
 * function-preserving transforms ({@link org.relucert.construct.FlipTransform}, {@link
 * org.relucert.construct.InputCopies}, {@link org.relucert.construct.IdentityLayers}), and the data a
 * report needs ({@link org.relucert.construct.Table1}, {@link org.relucert.construct.SolutionSpace},
 * {@link org.relucert.construct.EquivalentNetworks}, {@link org.relucert.construct.PhantomNetwork}).
 */
package org.relucert.construct;
