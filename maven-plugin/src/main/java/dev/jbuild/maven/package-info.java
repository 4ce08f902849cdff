/** The jbuild Maven plugin: goals that build images in process through {@code dev.jbuild.api}. */
package dev.jbuild.maven;
