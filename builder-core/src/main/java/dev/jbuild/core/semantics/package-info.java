/**
 * Instruction semantics, free of side effects: {@link dev.jbuild.core.semantics.Semantics#apply}
 * takes a stage's state and one instruction and returns the next state plus at most one
 * {@link dev.jbuild.core.semantics.Effect} (a RUN to execute, files to copy, a directory to
 * create) for the executor to carry out. Everything here is testable without a kernel.
 */
package dev.jbuild.core.semantics;
