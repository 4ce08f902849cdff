package dev.jbuild.executor.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The libc functions jbuild calls. Paths are NUL-terminated byte arrays encoded as the JDK encodes
 * file names, so that a name means the same file here and in {@code java.nio.file}.
 *
 * <p>Public only because jnr-ffi generates its implementation in another class loader; call
 * {@link Linux} instead.
 */
public interface LibC {
  @SaveError
  int unshare(int flags);

  @SaveError
  int mount(@In byte[] source, @In byte[] target, @In byte[] fileSystemType, long flags, @In byte[] data);

  @SaveError
  int umount2(@In byte[] target, int flags);

  @SaveError
  int sethostname(@In byte[] name, long length);

  @SaveError
  int chdir(@In byte[] path);

  @SaveError
  int mknod(@In byte[] path, int mode, long device);

  @SaveError
  int lchown(@In byte[] path, int uid, int gid);

  @SaveError
  int chmod(@In byte[] path, int mode);

  @SaveError
  int utimensat(int directoryFd, @In byte[] path, @In long[] times, int flags);

  @SaveError
  long llistxattr(@In byte[] path, @Out byte[] list, long size);

  @SaveError
  long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

  @SaveError
  int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

  @SaveError
  int socket(int domain, int type, int protocol);

  @SaveError
  int ioctl(int fd, long request, byte[] argument);

  @SaveError
  int open(@In byte[] path, int flags);

  @SaveError
  int syncfs(int fd);

  @SaveError
  int pipe2(@Out int[] fds, int flags);

  /** Returns the error number itself rather than setting errno. */
  int posix_spawn(@Out int[] pid, @In byte[] path, Pointer fileActions, Pointer attributes, Pointer argv, Pointer envp);

  int posix_spawn_file_actions_init(Pointer fileActions);

  int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

  int posix_spawn_file_actions_destroy(Pointer fileActions);

  @SaveError
  long read(int fd, @Out byte[] buffer, long count);

  @SaveError
  int poll(int[] pollFd, long count, int timeoutMillis);

  @SaveError
  int waitid(int idType, int id, @Out byte[] info, int options);

  @SaveError
  int waitpid(int pid, @Out int[] status, int options);

  @SaveError
  int kill(int pid, int signal);

  int close(int fd);

  String strerror(int errno);
}
