/**
 * Where a built image goes besides a registry (BuildKit's {@code --output} types): an OCI image
 * layout (directory or tar), a docker-loadable archive, the final root filesystem as a directory
 * or a tar. Each exporter reads the image from the cache and writes to its destination.
 */
package dev.jbuild.executor.export;
