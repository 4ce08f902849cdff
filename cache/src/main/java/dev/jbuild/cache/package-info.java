/**
 * jbuild's local content-addressed store: compressed blobs by digest, unpacked layers by
 * diff_id, image and base-reference records, and temporary work space on the same file system.
 * {@link dev.jbuild.cache.CacheDirectory} is the one owner of every path decision in the cache
 * directory.
 */
package dev.jbuild.cache;
