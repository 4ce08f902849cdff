/**
 * The {@code jbuild} command line: picocli commands shaped like {@code docker build}
 * ({@link dev.jbuild.cli.BuildCommand} and friends), the progress views that render build events
 * ({@code --progress}: a live ANSI view redrawn by one render thread, plain lines for CI, JSON
 * lines for tools), and the config file {@code ~/.config/jbuild/config.json}, read by a small
 * hand-written JSON reader because only builder-core may use Jackson. Uses only
 * {@code dev.jbuild.api}.
 */
package dev.jbuild.cli;
