/**
 * The {@code jbuild} command line: picocli commands shaped like {@code docker build}, and the
 * rendering of build events as progress output. Uses only {@code dev.jbuild.api}.
 */
package dev.jbuild.cli;
