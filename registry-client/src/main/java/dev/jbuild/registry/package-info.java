/**
 * Pull and push of images against OCI distribution registries, built on jib-core's registry
 * protocol and auth support.
 *
 * <p>Public: {@link dev.jbuild.registry.RegistryClient} (what the executor calls), its one
 * implementation {@link dev.jbuild.registry.JibRegistryClient} (which also lists repositories
 * and tags), {@link dev.jbuild.registry.RegistryLogins} (docker-style login and logout on the
 * same config file), the values they take and return ({@link
 * dev.jbuild.registry.RegistrySettings}, {@link dev.jbuild.registry.ResolvedImage}, {@link
 * dev.jbuild.registry.BlobUpload}, {@link dev.jbuild.registry.PushProgress}) and the checked
 * {@link dev.jbuild.registry.RegistryException} family. Everything else is package-private: the
 * HTTP routing that decides plain HTTP versus HTTPS per registry and which CAs each registry's
 * certificate may chain to, the docker config file and credential helpers, the bits jib lacks
 * (raw manifest bytes, bounded retries on 5xx/429/resets, manifests pushed byte for byte, the
 * {@code /v2/} login check and catalog listing with their own challenge handling) and the
 * translation of jib's and the network's failures into one-line errors.
 */
package dev.jbuild.registry;
