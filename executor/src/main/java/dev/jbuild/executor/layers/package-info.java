/**
 * Layers on disk in overlayfs form: {@link dev.jbuild.executor.layers.LayerUnpacker} turns an OCI
 * layer blob into a directory usable as an overlay lower dir, {@link dev.jbuild.executor.layers.Snapshotter}
 * turns an overlay upper dir back into an OCI layer blob, and {@link dev.jbuild.executor.layers.OverlayForm}
 * holds the one definition of overlayfs whiteouts and opaque directories both rely on.
 */
package dev.jbuild.executor.layers;
