/**
 * The build context: the directory a build reads COPY/ADD sources from, what
 * {@code .dockerignore} hides in it, and resolving source patterns to files, never outside the
 * context.
 */
package dev.jbuild.executor.context;
