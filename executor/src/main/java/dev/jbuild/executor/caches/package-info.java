/** Maintenance of the local cache behind {@link dev.jbuild.api.CacheStore}: measuring and pruning it. */
package dev.jbuild.executor.caches;
