/**
 * Running a RUN step's command in its root file system: {@link dev.jbuild.executor.sandbox.Sandbox}
 * is the narrow interface, {@link dev.jbuild.executor.sandbox.NamespaceSandbox} the real one
 * (overlayfs root, new mount, UTS, IPC and PID namespaces, optionally a network namespace with only
 * {@code lo}, and the static {@code jbuild-init} as PID 1). Code that only reads a stage's files
 * (COPY --from, /etc/passwd) uses {@link dev.jbuild.executor.layers.LayerStack} and mounts nothing.
 *
 * <p>Everything that changes namespaces runs on a fresh platform thread per call that ends with
 * the call: the namespaces, and with them every mount made, die with that thread and the processes
 * it started, so no mount made here ever shows in the host's mount table.
 */
package dev.jbuild.executor.sandbox;
