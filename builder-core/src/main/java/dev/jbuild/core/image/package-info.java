/**
 * The OCI / Docker image model: references, descriptors, manifests, indexes and configs, as
 * immutable records, and their JSON ({@link dev.jbuild.core.image.ImageJson}, the only place that
 * knows Jackson). Field names and media types follow the OCI image spec and Docker's v2 schema 2.
 */
package dev.jbuild.core.image;
