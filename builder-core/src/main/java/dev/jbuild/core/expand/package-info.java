/**
 * Shell word expansion exactly as BuildKit's Dockerfile frontend does it (its
 * {@code frontend/dockerfile/shell} lexer): {@code $V}, {@code ${V}}, the {@code ${V:-w}} family,
 * the glob operators {@code ${V#p}}, {@code ${V%p}}, {@code ${V/p/r}}, quotes, the escape
 * character, and splitting into words.
 *
 * <p>{@link dev.jbuild.core.expand.ShellLexer} is the entry point,
 * {@link dev.jbuild.core.expand.Env} what it reads variables from,
 * {@link dev.jbuild.core.expand.Expansion} the full answer (with the names looked up, so a caller
 * knows which build ARGs a step uses) and {@link dev.jbuild.core.expand.ExpansionException} the
 * failure. Everything else is
 * package-private machinery: the expander runs on an explicit stack, so nesting is bounded by
 * the heap rather than the thread stack, and glob matching is an NFA walk with no backtracking.
 */
package dev.jbuild.core.expand;
