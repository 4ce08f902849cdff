/**
 * The Dockerfile parser facade: {@link dev.jbuild.grammar.DockerfileParser} turns text into a
 * {@link dev.jbuild.grammar.Dockerfile} of AST records, or throws a
 * {@link dev.jbuild.grammar.DockerfileParseException} naming file, line and column;
 * {@link dev.jbuild.grammar.DockerfileDump} prints BuildKit's parser dump format.
 *
 * <p>Reading follows BuildKit's two phases. The first (parser) phase is the ANTLR grammar in
 * {@code src/main/antlr4}, run by {@code LogicalLineReader}, which owns the line structure
 * (directives, comments, continuations, heredoc bodies), then {@code SyntaxNodes}, which applies
 * BuildKit's line rules to each joined logical line ({@code SyntaxNode}: keyword, flag words,
 * arguments, JSON or not); {@code DockerfileSyntax} ties them together. The second phase,
 * {@code InstructionFactory}, applies the per-instruction checks and builds the typed records.
 * Small helpers reproduce the Go and BuildKit text rules exactly ({@code GoText},
 * {@code JsonStringArrays}, {@code BuildKitWords}, {@code HeredocWords}, {@code GoDurations}).
 * The ANTLR generated types stay inside this module.
 */
package dev.jbuild.grammar;
