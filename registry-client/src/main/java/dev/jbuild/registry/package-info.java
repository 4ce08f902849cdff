/**
 * Pull and push of images against OCI distribution registries, built on jib-core's registry
 * protocol and auth support.
 *
 * <p>Public: {@link dev.jbuild.registry.RegistryClient} (what the executor calls), its one
 * implementation {@link dev.jbuild.registry.JibRegistryClient}, the values it takes and returns
 * ({@link dev.jbuild.registry.RegistrySettings}, {@link dev.jbuild.registry.ResolvedImage},
 * {@link dev.jbuild.registry.BlobUpload}) and the checked {@link
 * dev.jbuild.registry.RegistryException} family. Everything else is package-private: the HTTP
 * routing that decides plain HTTP versus HTTPS per registry, the bits jib lacks (raw manifest
 * bytes, bounded retries on 5xx/429/resets, manifests pushed byte for byte) and the translation
 * of jib's and the network's failures into one-line errors.
 */
package dev.jbuild.registry;
