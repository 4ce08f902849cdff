/**
 * Linux system calls the JDK does not offer (namespaces, mounts, device nodes, xattrs, hostname,
 * interface flags), bound through jnr-ffi. This package is the project's only jnr-ffi user:
 * {@link dev.jbuild.executor.linux.Linux} is the facade; every failure is a
 * {@link dev.jbuild.executor.linux.LinuxException} naming the call, its arguments and errno.
 *
 * <p>Calls that change namespaces or the working directory act on the calling thread only (after
 * {@code unshare(CLONE_NEWNS)} the thread has its own root and working directory), so they belong
 * on a dedicated thread that ends when the work is done.
 */
package dev.jbuild.executor.linux;
