/**
 * jbuild's public Java API, used by the CLI and the Maven plugin: build a Dockerfile with
 * {@link dev.jbuild.api.ImageBuilder#build}, described by a {@link dev.jbuild.api.BuildRequest},
 * observed through {@link dev.jbuild.api.BuildListener} events, ending in a
 * {@link dev.jbuild.api.BuildResult} or a {@link dev.jbuild.api.BuildException} whose message is
 * one line for the user. Only JDK types appear here.
 */
package dev.jbuild.api;
