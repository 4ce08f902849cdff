/**
 * The build plan: a Dockerfile split into stages, each stage's base (scratch, an image, or
 * another stage) and its dependencies on other stages, the target, and the order to build what
 * the target needs. Planning reads no files and contacts no registry.
 */
package dev.jbuild.core.plan;
