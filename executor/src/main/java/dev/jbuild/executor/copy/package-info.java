/**
 * Writing COPY and ADD results into a new layer directory (overlayfs form), straight from the
 * sources and without mounting anything: parents shaped like the stage's existing directories,
 * ownership from {@code --chown}, modes from {@code --chmod}, times and links preserved.
 */
package dev.jbuild.executor.copy;
