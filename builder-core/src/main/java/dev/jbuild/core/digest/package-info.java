/** Content digests ({@link dev.jbuild.core.digest.Digest}) and helpers to compute them while streaming. */
package dev.jbuild.core.digest;
