/**
 * The Dockerfile parser facade: {@link dev.jbuild.grammar.DockerfileParser} turns text into a
 * {@link dev.jbuild.grammar.Dockerfile} of AST records, or throws a
 * {@link dev.jbuild.grammar.DockerfileParseException} naming file, line and column. The ANTLR
 * generated types stay inside this module.
 */
package dev.jbuild.grammar;
