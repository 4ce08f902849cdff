/**
 * The build pipeline: plan the Dockerfile, bring in base images, run each stage's steps (RUN in
 * the sandbox, COPY/ADD and WORKDIR as layer directories), snapshot layers into the cache, and
 * export the image (local store or registry). Progress is published as
 * {@link dev.jbuild.api.BuildEvent}s; nothing here prints.
 */
package dev.jbuild.executor.pipeline;
