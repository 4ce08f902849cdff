/**
 * Internal: the ANTLR lexer and line parser generated from {@code src/main/antlr4} at build time
 * ({@code DockerfileLexer}, {@code DockerfileLineParser}). Only {@code dev.jbuild.grammar} uses
 * them, through its package-private reader; no ANTLR type appears in this module's public API,
 * and no other module may import this package.
 */
package dev.jbuild.grammar.antlr;
