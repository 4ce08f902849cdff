/**
 * Layer tarballs: {@link dev.jbuild.core.tar.LayerWriter} streams {@link dev.jbuild.core.tar.TarEntry}
 * values into a deterministic gzip-compressed PAX tar and computes both digests in the same pass
 * ({@link dev.jbuild.core.tar.LayerBlob}); {@link dev.jbuild.core.tar.LayerReader} reads any layer
 * blob (gzip, zstd, bzip2, xz or plain) back into entries. OCI whiteout file names are mapped to
 * {@link dev.jbuild.core.tar.TarEntry.Whiteout} and {@link dev.jbuild.core.tar.TarEntry.OpaqueWhiteout}
 * here and nowhere else.
 *
 * <p>This package is the project's only user of commons-compress. Neither writer nor reader touches
 * file metadata on disk: turning entries into files (and files into entries) is the executor's job.
 */
package dev.jbuild.core.tar;
