package org.relucert.io.vnnlib;

/** One linear constraint {@code expression <= 0} and where it was written. */
record Constraint(Linear expression, Sexp at) {
}
