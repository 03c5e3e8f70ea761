/**
 * The library's entry API: load a network, an input set and a specification, choose domains by name,
 * get bounds (with every node's intermediate bounds and, for back-substitution domains, the linear
 * bounds over the input), verify a VNN-LIB property under a time limit and search for imprecise boxes.
 *
 * <p>Start at {@link org.relucert.api.Relucert}; the results are plain records of arrays and strings.
 * The example in {@code docs/examples/BoundsExample.java} (see {@code docs/library.md}) is compiled and
 * run by the test suite.
 */
package org.relucert.api;
