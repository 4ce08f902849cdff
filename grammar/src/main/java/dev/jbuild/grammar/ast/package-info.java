/**
 * The typed Dockerfile AST: one immutable record per instruction, all implementing the sealed
 * {@link dev.jbuild.grammar.ast.Instruction}. Values are exactly as written in the Dockerfile
 * (after line continuations are joined, before any variable expansion): expansion is a build-time
 * concern of builder-core, since it depends on ARG and ENV values.
 */
package dev.jbuild.grammar.ast;
